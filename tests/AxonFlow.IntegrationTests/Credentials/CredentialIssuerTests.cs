using System.Text;
using AxonFlow.Core.Credentials;
using AxonFlow.Core.Identity;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Postgres.Audit;
using AxonFlow.Postgres.Credentials;
using AxonFlow.Postgres.OrgScoping;
using Npgsql;

namespace AxonFlow.IntegrationTests.Credentials;

/// <summary>
/// The credential service on its own, the way the portal uses it: inside the app role's org scope, under FORCE RLS.
/// </summary>
public sealed class CredentialIssuerTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly CredentialHasher Hasher = new(Encoding.UTF8.GetBytes("test-credential-hash-key-0123456789abcdef"));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lifecycle_RunsInTheAppRolesOrgScope()
    {
        await using var app = fixture.Database.CreateAppDataSource();
        var scope = new OrgScope(app);
        var issuer = new CredentialIssuer(Hasher, new UnregisteredClientCache(), TimeProvider.System);
        var org = OrgId.Create("issuer-portal-org");
        var client = ClientId.Create("issuer-portal-app");

        var issued = await scope.RunAsync(org, (s, t) => issuer.IssueAsync(s, new CredentialRequest(client, "portal key", null), new AuditActor("portal_user", "u-1"), t), Token);
        var rotated = await scope.RunAsync(org, (s, t) => issuer.RotateAsync(s, client, TimeSpan.Zero, AuditActor.System, t), Token);
        var listed = await scope.RunAsync(org, (s, t) => issuer.ListAsync(s, t), Token);
        var revoked = await scope.RunAsync(org, (s, t) => issuer.RevokeAsync(s, client, AuditActor.System, t), Token);
        var afterRevoke = await scope.RunAsync(org, (s, t) => issuer.GetAsync(s, client, t), Token);

        var secret = Assert.IsType<CredentialIssue.Issued>(issued).Credential;
        Assert.True(Hasher.Matches(secret.Secret, await StoredHashAsync(secret.KeyId)));
        Assert.IsType<CredentialRotation.Rotated>(rotated);
        var summary = Assert.Single(listed);
        Assert.Equal(("issuer-portal-app", "active", 1), (summary.Client.Value, summary.Status, summary.ActiveSecrets));
        Assert.Equal(1, Assert.IsType<CredentialRevocation.Revoked>(revoked).SecretsRevoked);
        Assert.Equal(CredentialStatuses.Revoked, afterRevoke!.Status);
    }

    [Fact]
    public async Task AnotherOrgsScope_ListsRotatesAndRevokesNothing()
    {
        await using var app = fixture.Database.CreateAppDataSource();
        var scope = new OrgScope(app);
        var issuer = new CredentialIssuer(Hasher, new UnregisteredClientCache(), TimeProvider.System);
        var client = ClientId.Create("issuer-isolated-app");
        await scope.RunAsync(OrgId.Create("issuer-owner"), (s, t) => issuer.IssueAsync(s, new CredentialRequest(client, string.Empty, null), AuditActor.System, t), Token);

        var other = OrgId.Create("issuer-intruder");
        var listed = await scope.RunAsync(other, (s, t) => issuer.ListAsync(s, t), Token);
        var rotated = await scope.RunAsync(other, (s, t) => issuer.RotateAsync(s, client, TimeSpan.Zero, AuditActor.System, t), Token);
        var revoked = await scope.RunAsync(other, (s, t) => issuer.RevokeAsync(s, client, AuditActor.System, t), Token);
        var still = await scope.RunAsync(OrgId.Create("issuer-owner"), (s, t) => issuer.GetAsync(s, client, t), Token);

        Assert.Empty(listed);
        Assert.IsType<CredentialRotation.NotFound>(rotated);
        Assert.IsType<CredentialRevocation.NotFound>(revoked);
        Assert.Equal(CredentialStatuses.Active, still!.Status);
    }

    [Fact]
    public async Task ConcurrentIssuersOfOneClientId_InTwoOrgs_OnlyOneWins()
    {
        await using var app = fixture.Database.CreateAppDataSource();
        var scope = new OrgScope(app);
        var issuer = new CredentialIssuer(Hasher, new UnregisteredClientCache(), TimeProvider.System);
        var client = ClientId.Create("issuer-race-app");
        var firstIssued = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = scope.RunAsync(OrgId.Create("issuer-race-a"), async (s, t) =>
        {
            var outcome = await issuer.IssueAsync(s, new CredentialRequest(client, string.Empty, null), AuditActor.System, t);
            firstIssued.SetResult();
            await releaseFirst.Task.WaitAsync(t);
            return outcome;
        }, Token);
        await firstIssued.Task.WaitAsync(TimeSpan.FromSeconds(10), Token);
        var second = scope.RunAsync(OrgId.Create("issuer-race-b"), (s, t) => issuer.IssueAsync(s, new CredentialRequest(client, string.Empty, null), AuditActor.System, t), Token);
        await WaitForAdvisoryLockWaiterAsync();
        releaseFirst.SetResult();

        Assert.IsType<CredentialIssue.Issued>(await first);
        Assert.IsType<CredentialIssue.ClientIdInUse>(await second);
    }

    [Fact]
    public async Task ClaimFunction_OutsideAnOrgScope_IsRefused()
    {
        await using var app = fixture.Database.CreateAppDataSource();
        await using var claim = app.CreateCommand("SELECT auth_claim_client_id('outside-scope')");

        var error = await Assert.ThrowsAsync<PostgresException>(() => claim.ExecuteScalarAsync(Token));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task ApiKeyStoreIssue_AddsSecretsForItsOwnOrg_AndRefusesAnotherOrgsId()
    {
        await using var app = fixture.Database.CreateAppDataSource();
        var scope = new OrgScope(app);
        var cache = new UnregisteredClientCache();
        var store = new ApiKeyStore(app, scope, new CredentialIssuer(Hasher, cache, TimeProvider.System), cache, TimeProvider.System);
        var client = ClientId.Create("store-shared-app");

        await store.IssueAsync(OrgId.Create("store-org"), client, "one", null, Token);
        await store.IssueAsync(OrgId.Create("store-org"), client, "two", null, Token);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => store.IssueAsync(OrgId.Create("store-other"), client, "three", null, Token));

        Assert.Contains("already in use", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await store.LookupAsync(client, Token)).Count);
    }

    [Fact]
    public async Task Issue_ForgetsTheIdInThisNodesUnregisteredCache()
    {
        await using var app = fixture.Database.CreateAppDataSource();
        var scope = new OrgScope(app);
        var cache = new UnregisteredClientCache();
        var issuer = new CredentialIssuer(Hasher, cache, TimeProvider.System);
        var store = new ApiKeyStore(app, scope, issuer, cache, TimeProvider.System);
        var client = ClientId.Create("store-late-app");
        Assert.Empty(await store.LookupAsync(client, Token));
        Assert.True(cache.IsRemembered(client, TimeProvider.System.GetUtcNow()));

        await scope.RunAsync(OrgId.Create("store-late-org"), (s, t) => issuer.IssueAsync(s, new CredentialRequest(client, string.Empty, null), AuditActor.System, t), Token);

        Assert.False(cache.IsRemembered(client, TimeProvider.System.GetUtcNow()));
        Assert.Single(await store.LookupAsync(client, Token));
    }

    private async Task<byte[]> StoredHashAsync(Guid keyId)
    {
        await using var owner = fixture.Database.CreateOwnerDataSource();
        await using var select = owner.CreateCommand("SELECT secret_hash FROM api_keys WHERE id = $1");
        select.Parameters.Add(new NpgsqlParameter { Value = keyId });
        return (byte[])(await select.ExecuteScalarAsync(Token))!;
    }

    private async Task WaitForAdvisoryLockWaiterAsync()
    {
        await using var owner = fixture.Database.CreateOwnerDataSource();
        var started = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(10))
        {
            await using var waiting = owner.CreateCommand("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
            if ((long)(await waiting.ExecuteScalarAsync(Token))! > 0)
            {
                return;
            }

            await Task.Delay(20, Token);
        }

        Assert.Fail("The second issuer never waited on the client id's advisory lock.");
    }
}
