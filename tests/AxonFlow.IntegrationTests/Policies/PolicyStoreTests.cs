using AxonFlow.Core.Identity;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Postgres.OrgScoping;
using AxonFlow.Postgres.Policies;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AxonFlow.IntegrationTests.Policies;

/// <summary>Policy storage under FORCE RLS: versioned changes, system rows read-only, other orgs invisible, changes notified.</summary>
public sealed class PolicyStoreTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static StaticPolicyRow Policy(string id) => new() { PolicyId = id, Name = $"Block {id}", Category = "sensitive-data", Pattern = "project-(x|y)", ClientId = "admin-app" };

    [Fact]
    public async Task Create_Update_Delete_AreVersionedWithSnapshots()
    {
        await using var app = fixture.Database.CreateAppDataSource();
        var store = new StaticPolicyStore(new OrgScope(app));
        var org = OrgId.Create("store-versions");

        var created = await store.CreateAsync(org, Policy("org_projects"), "alice", Token);
        var updated = await store.UpdateAsync(org, "org_projects", p => p with { Pattern = "project-z" }, "updated", "bob", Token);
        var disabled = await store.UpdateAsync(org, "org_projects", p => p with { Enabled = false }, "disabled", "bob", Token);
        var deleted = await store.UpdateAsync(org, "org_projects", p => p, "deleted", "carol", Token);
        var versions = await store.VersionsAsync(org, "org_projects", Token);

        Assert.Equal(1, created.Version);
        Assert.Equal(2, Assert.IsType<PolicyMutation<StaticPolicyRow>.Changed>(updated).Value.Version);
        Assert.False(Assert.IsType<PolicyMutation<StaticPolicyRow>.Changed>(disabled).Value.Enabled);
        Assert.IsType<PolicyMutation<StaticPolicyRow>.Changed>(deleted);
        Assert.Null(await store.GetAsync(org, "org_projects", Token));
        Assert.Equal([4, 3, 2, 1], versions.Select(v => v.Version));
        Assert.Equal(["deleted", "disabled", "updated", "created"], versions.Select(v => v.ChangeType));
        Assert.Contains("project-z", versions[2].SnapshotJson, StringComparison.Ordinal);
        Assert.Equal("bob", versions[1].ChangedBy);
    }

    [Fact]
    public async Task SystemPolicy_IsReadableButNeverChanged()
    {
        await using (var owner = fixture.Database.CreateOwnerDataSource())
        await using (var seed = owner.CreateCommand("INSERT INTO static_policies (org_id, tenant_id, policy_id, name, category, pattern, tier) VALUES (NULL, 'global', 'sys_store_test', 'System test', 'security-sqli', 'x', 'system') ON CONFLICT DO NOTHING"))
        {
            await seed.ExecuteNonQueryAsync(Token);
        }

        await using var app = fixture.Database.CreateAppDataSource();
        var store = new StaticPolicyStore(new OrgScope(app));
        var org = OrgId.Create("store-system");

        var visible = await store.GetAsync(org, "sys_store_test", Token);
        var change = await store.UpdateAsync(org, "sys_store_test", p => p with { Pattern = "y" }, "updated", "mallory", Token);
        var (list, total) = await store.ListAsync(org, new PolicyListFilter(null, "system", null, "store_test", 1, 50), Token);

        Assert.NotNull(visible);
        Assert.True(visible.IsSystem);
        Assert.IsType<PolicyMutation<StaticPolicyRow>.SystemPolicy>(change);
        Assert.Equal("x", (await store.GetAsync(org, "sys_store_test", Token))!.Pattern);
        Assert.Equal(1, total);
        Assert.Equal("sys_store_test", Assert.Single(list).PolicyId);
    }

    [Fact]
    public async Task OtherOrg_CannotSeeChangeOrListAnOrgsPolicy()
    {
        await using var app = fixture.Database.CreateAppDataSource();
        var store = new StaticPolicyStore(new OrgScope(app));
        var (orgA, orgB) = (OrgId.Create("store-a"), OrgId.Create("store-b"));
        await store.CreateAsync(orgA, Policy("org_a_secret_rule"), "alice", Token);

        var seen = await store.GetAsync(orgB, "org_a_secret_rule", Token);
        var change = await store.UpdateAsync(orgB, "org_a_secret_rule", p => p with { Enabled = false }, "disabled", "eve", Token);
        var (list, _) = await store.ListAsync(orgB, new PolicyListFilter(null, null, null, "secret_rule", 1, 50), Token);
        var versions = await store.VersionsAsync(orgB, "org_a_secret_rule", Token);
        var sameIdInB = await store.CreateAsync(orgB, Policy("org_a_secret_rule"), "bob", Token);

        Assert.Null(seen);
        Assert.IsType<PolicyMutation<StaticPolicyRow>.NotFound>(change);
        Assert.Empty(list);
        Assert.Empty(versions);
        Assert.Equal(1, sameIdInB.Version);
        Assert.True((await store.GetAsync(orgA, "org_a_secret_rule", Token))!.Enabled);
    }

    [Fact]
    public async Task DuplicateIdInTheSameOrg_IsAUniqueViolation()
    {
        await using var app = fixture.Database.CreateAppDataSource();
        var store = new StaticPolicyStore(new OrgScope(app));
        var org = OrgId.Create("store-dup");
        await store.CreateAsync(org, Policy("org_dup"), "alice", Token);

        var error = await Assert.ThrowsAsync<PostgresException>(() => store.CreateAsync(org, Policy("org_dup"), "alice", Token));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
    }

    [Fact]
    public async Task SearchWithLikeWildcards_MatchesLiterally()
    {
        await using var app = fixture.Database.CreateAppDataSource();
        var store = new StaticPolicyStore(new OrgScope(app));
        var org = OrgId.Create("store-like");
        await store.CreateAsync(org, Policy("org_plain") with { Name = "plain" }, "alice", Token);
        await store.CreateAsync(org, Policy("org_pct") with { Name = "100% match" }, "alice", Token);

        var (list, _) = await store.ListAsync(org, new PolicyListFilter(null, null, null, "%", 1, 50), Token);

        Assert.Equal("org_pct", Assert.Single(list, p => p.OrgId is not null).PolicyId);
    }

    [Fact]
    public async Task DynamicPolicies_AndOverrides_LoadTogetherForCompilation()
    {
        await using var app = fixture.Database.CreateAppDataSource();
        var scope = new OrgScope(app);
        var org = OrgId.Create("store-load");
        await new DynamicPolicyStore(scope).CreateAsync(org, new DynamicPolicyRow
        {
            PolicyId = "org_dyn_debug",
            Name = "No debug in prod",
            ConditionsJson = """[{"field":"query","operator":"contains","value":"debug"}]""",
            ActionsJson = """[{"type":"block"}]""",
        }, "alice", Token);
        var overrides = new PolicyOverrideStore(scope);
        var active = await overrides.CreateAsync(org, new PolicyOverrideRow { OrgId = org.Value, PolicyId = "sys_pii_email", ActionOverride = "warn", OverrideReason = "support inbox" }, Token);
        var revoked = await overrides.CreateAsync(org, new PolicyOverrideRow { OrgId = org.Value, PolicyId = "sys_pii_phone", EnabledOverride = false, OverrideReason = "temp" }, Token);
        await overrides.RevokeAsync(org, revoked.Id, Token);
        await Assert.ThrowsAsync<PostgresException>(() => overrides.CreateAsync(org, new PolicyOverrideRow { OrgId = org.Value, PolicyId = "sys_pii_email", ActionOverride = "log", OverrideReason = "dup" }, Token));

        var data = await new OrgPolicyLoader(scope).LoadAsync(org, Token);
        var otherOrg = await new OrgPolicyLoader(scope).LoadAsync(OrgId.Create("store-load-other"), Token);

        Assert.Equal("org_dyn_debug", Assert.Single(data.Dynamic).PolicyId);
        Assert.Equal(active.Id, Assert.Single(data.Overrides).Id);
        Assert.Empty(otherOrg.Dynamic);
        Assert.Empty(otherOrg.Overrides);
    }

    [Fact]
    public async Task Changes_AreNotifiedToListenersWithTheOrg()
    {
        await using var app = fixture.Database.CreateAppDataSource();
        using var listener = new PolicyChangeListener(app, TimeProvider.System, NullLogger<PolicyChangeListener>.Instance);
        var heard = new TaskCompletionSource<OrgId?>(TaskCreationOptions.RunContinuationsAsynchronously);
        listener.Changed += org =>
        {
            if (org?.Value == "store-notify")
            {
                heard.TrySetResult(org);
            }
        };
        await listener.StartAsync(Token);
        await listener.Listening.WaitAsync(TimeSpan.FromSeconds(10), Token);

        await new StaticPolicyStore(new OrgScope(app)).CreateAsync(OrgId.Create("store-notify"), Policy("org_notify"), "alice", Token);

        Assert.Equal("store-notify", (await heard.Task.WaitAsync(TimeSpan.FromSeconds(10), Token))?.Value);
        await listener.StopAsync(Token);
    }
}
