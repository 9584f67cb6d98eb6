using AxonFlow.Core.Identity;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Postgres.Gateway;
using AxonFlow.Postgres.OrgScoping;

namespace AxonFlow.IntegrationTests.Gateway;

/// <summary>An LLM-call audit must reference an unexpired context of the same caller; anything else records nothing.</summary>
public sealed class GatewayStoreTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AuditLlmCall_OwnUnexpiredContext_IsRecorded()
    {
        var (store, context) = await CreateContextAsync("gw-own", "app");

        var auditId = await store.AuditLlmCallAsync(context.Org, context.Client, Call(context.ContextId), Now.AddMinutes(1), Token);

        Assert.NotNull(auditId);
        Assert.Equal(1L, await CountAuditsAsync(context.Org));
    }

    [Fact]
    public async Task AuditLlmCall_ExpiredContext_RecordsNothing()
    {
        var (store, context) = await CreateContextAsync("gw-expired", "app");

        var auditId = await store.AuditLlmCallAsync(context.Org, context.Client, Call(context.ContextId), Now.AddMinutes(6), Token);

        Assert.Null(auditId);
        Assert.Equal(0L, await CountAuditsAsync(context.Org));
    }

    [Fact]
    public async Task AuditLlmCall_AnotherOrgsContext_RecordsNothingAnywhere()
    {
        var (store, context) = await CreateContextAsync("gw-victim", "app");

        var auditId = await store.AuditLlmCallAsync(OrgId.Create("gw-attacker"), context.Client, Call(context.ContextId), Now.AddMinutes(1), Token);

        Assert.Null(auditId);
        Assert.Equal(0L, await CountAuditsAsync(context.Org));
        Assert.Equal(0L, await CountAuditsAsync(OrgId.Create("gw-attacker")));
    }

    [Fact]
    public async Task AuditLlmCall_AnotherClientsContextInTheSameOrg_RecordsNothing()
    {
        var (store, context) = await CreateContextAsync("gw-clients", "app-one");

        var auditId = await store.AuditLlmCallAsync(context.Org, ClientId.Create("app-two"), Call(context.ContextId), Now.AddMinutes(1), Token);

        Assert.Null(auditId);
    }

    private async Task<(GatewayStore Store, GatewayContext Context)> CreateContextAsync(string org, string client)
    {
        var app = fixture.Database.CreateAppDataSource();
        var store = new GatewayStore(new OrgScope(app));
        var context = new GatewayContext
        {
            ContextId = Guid.NewGuid(),
            Org = OrgId.Create(org),
            Client = ClientId.Create(client),
            Approved = true,
            PoliciesEvaluated = ["sys_pii_email"],
            ExpiresAt = Now.AddMinutes(5),
        };
        await store.CreateContextAsync(context, Token);
        return (store, context);
    }

    private static LlmCallAudit Call(Guid contextId) => new(contextId, "openai", "gpt-4o", 10, 20, 30, 250, 0.0003m, "{}");

    private async Task<long> CountAuditsAsync(OrgId org)
    {
        await using var app = fixture.Database.CreateAppDataSource();
        return await new OrgScope(app).RunAsync(org, async (s, t) =>
        {
            await using var count = s.CreateCommand("SELECT count(*) FROM llm_call_audits");
            return (long)(await count.ExecuteScalarAsync(t))!;
        }, Token);
    }
}
