using AxonFlow.Core.Identity;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Postgres.Audit;
using AxonFlow.Postgres.OrgScoping;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AxonFlow.IntegrationTests.Audit;

/// <summary>Group commit: acknowledged means committed, batches never mix orgs' rows up, failures reach the caller.</summary>
public sealed class AuditWriterTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WriteAsync_Acknowledged_IsCommittedWithEveryField()
    {
        await using var app = fixture.Database.CreateAppDataSource();
        await using var writer = await StartAsync(app);
        var record = Record("audit-fields", "svc-a") with
        {
            UserId = "user-7",
            BlockReason = "PII detected: US SSN (Social Security Number) (sys_pii_ssn)",
            Decision = "blocked",
            Policies = [new AuditPolicyHit("sys_pii_ssn", "US SSN", "pii-us", "critical", "block")],
            Provider = "local",
            Model = "local-deterministic",
            PromptTokens = 12,
            CompletionTokens = 30,
            CostUsd = 0.0012m,
            LatencyMs = 42,
            QueryRedacted = "my ssn is [REDACTED:ssn]",
            ClientHeader = "sdk-python/8.1.0",
        };

        await writer.WriteAsync(record, Token);

        var row = await new OrgScope(app).RunAsync(record.Org, async (s, t) =>
        {
            await using var select = s.CreateCommand("""
                SELECT client_id, tenant_id, user_id, policy_decision, block_reason, policies->0->>'policy_id', provider, model,
                       prompt_tokens, completion_tokens, tokens_used, cost, response_time_ms, query_redacted, client
                FROM audit_logs WHERE audit_id = $1
                """);
            select.Parameters.Add(new NpgsqlParameter { Value = record.AuditId });
            await using var reader = await select.ExecuteReaderAsync(t);
            Assert.True(await reader.ReadAsync(t));
            return (Client: reader.GetString(0), Tenant: reader.GetString(1), User: reader.GetString(2), Decision: reader.GetString(3),
                Reason: reader.GetString(4), Policy: reader.GetString(5), Provider: reader.GetString(6), Model: reader.GetString(7),
                Prompt: reader.GetInt32(8), Completion: reader.GetInt32(9), Total: reader.GetInt32(10), Cost: reader.GetDecimal(11),
                Latency: reader.GetInt32(12), Query: reader.GetString(13), ClientHeader: reader.GetString(14));
        }, Token);

        Assert.Equal(("svc-a", "svc-a", "user-7", "blocked"), (row.Client, row.Tenant, row.User, row.Decision));
        Assert.Equal(record.BlockReason, row.Reason);
        Assert.Equal("sys_pii_ssn", row.Policy);
        Assert.Equal(("local", "local-deterministic", 12, 30, 42), (row.Provider, row.Model, row.Prompt, row.Completion, row.Total));
        Assert.Equal(0.0012m, row.Cost);
        Assert.Equal(42, row.Latency);
        Assert.Equal("my ssn is [REDACTED:ssn]", row.Query);
        Assert.Equal("sdk-python/8.1.0", row.ClientHeader);
    }

    [Fact]
    public async Task WriteAsync_ManyOrgsConcurrently_EachRowLandsInItsOwnOrgOnly()
    {
        await using var app = fixture.Database.CreateAppDataSource();
        await using var writer = await StartAsync(app);
        var records = Enumerable.Range(0, 200).Select(i => Record($"batch-org-{i % 4}", $"client-{i}")).ToList();

        await Task.WhenAll(records.Select(r => writer.WriteAsync(r, Token)));

        var scope = new OrgScope(app);
        for (var org = 0; org < 4; org++)
        {
            var orgId = OrgId.Create($"batch-org-{org}");
            var ids = await scope.RunAsync(orgId, async (s, t) =>
            {
                await using var select = s.CreateCommand("SELECT audit_id FROM audit_logs WHERE request_type = 'batch-test'");
                await using var reader = await select.ExecuteReaderAsync(t);
                var found = new HashSet<Guid>();
                while (await reader.ReadAsync(t))
                {
                    found.Add(reader.GetGuid(0));
                }

                return found;
            }, Token);
            Assert.Equal(records.Where(r => r.Org == orgId).Select(r => r.AuditId).ToHashSet(), ids);
        }
    }

    [Fact]
    public async Task WriteAsync_DatabaseUnreachable_FailsTheCallerInsteadOfAcknowledging()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(fixture.Database.ConnectionStrings.App) { Database = "no_such_database", Timeout = 3 };
        await using var app = NpgsqlDataSource.Create(unreachable.ConnectionString);
        await using var writer = await StartAsync(app);

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => writer.WriteAsync(Record("unreachable-org", "c"), Token));
    }

    [Fact]
    public async Task WriteAsync_OneBadRowInABatch_FailsOnlyThatRequest()
    {
        await using var app = fixture.Database.CreateAppDataSource();
        await using var writer = await StartAsync(app);
        var good = Enumerable.Range(0, 20).Select(i => Record("mixed-org", $"good-{i}")).ToList();
        var bad = Record("mixed-org", "bad") with { Details = "{not json" };

        var goodWrites = good.Select(r => writer.WriteAsync(r, Token)).ToList();
        var badWrite = writer.WriteAsync(bad, Token);
        await Task.WhenAll(goodWrites);

        await Assert.ThrowsAsync<PostgresException>(() => badWrite);
        var count = await new OrgScope(app).RunAsync(OrgId.Create("mixed-org"), async (s, t) =>
        {
            await using var select = s.CreateCommand("SELECT count(*) FROM audit_logs WHERE request_type = 'batch-test'");
            return (long)(await select.ExecuteScalarAsync(t))!;
        }, Token);
        Assert.Equal(20L, count);
    }

    private static async Task<AuditWriter> StartAsync(NpgsqlDataSource app)
    {
        var writer = new AuditWriter(new OrgScope(app), new AuditWriterOptions(), NullLogger<AuditWriter>.Instance);
        await writer.StartAsync(Token);
        return writer;
    }

    private static AuditRecord Record(string org, string client) => new()
    {
        AuditId = Guid.CreateVersion7(),
        Org = OrgId.Create(org),
        Client = ClientId.Create(client),
        RequestId = Guid.NewGuid().ToString("N"),
        Timestamp = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero),
        RequestType = "batch-test",
        Decision = "allowed",
    };
}
