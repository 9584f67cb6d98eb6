using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using AxonFlow.IntegrationTests.Cli;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.IntegrationTests.Isolation;
using Npgsql;

namespace AxonFlow.IntegrationTests.Operations;

/// <summary>
/// The two behaviours seed 000 warns operators about: <c>AXONFLOW_DB_USE_APP_ROLE=false</c> runs the legacy posture on
/// <c>DATABASE_URL</c> with every guard a no-op; and direct SQL as the app role sees no rows until it names the org.
/// </summary>
public sealed class LegacyPostureTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Serve_LegacyPostureWithEveryGuardedWorkerOn_BootsServesAndAudits()
    {
        await using var database = await (await PostgresCluster.GetAsync()).CreateDatabaseAsync("legacyserve");
        var port = OpsTestEnvironment.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["DATABASE_URL"] = database.ConnectionStrings.Owner,
            ["AXONFLOW_DB_USE_APP_ROLE"] = "false",
            ["ENABLE_MARKETPLACE_METERING"] = "true",
            ["ENABLE_NODE_MONITOR"] = "true",
            ["ENABLE_CUSTOMER_PORTAL"] = "true",
            ["COMMUNITY_SAAS_SWEEP_ENABLED"] = "true",
            ["COMMUNITY_SAAS_RECOVERY_ENABLED"] = "true",
            ["COMMUNITY_SAAS_DELETE_ENABLED"] = "true",
        };

        using var serve = CliProcess.Start(environment, "serve", "--urls", $"http://127.0.0.1:{port}");
        await serve.WaitForOutputAsync("listening on", TimeSpan.FromSeconds(90));
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("legacy-app:")));
        var health = await HttpAssert.JsonAsync(await client.GetAsync("/health", Token), HttpStatusCode.OK);
        var answer = await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync("/api/request", new { query = "What is 2+2?", request_type = "chat" }, Token),
            HttpStatusCode.OK);
        NpgsqlConnection.ClearAllPools();
        serve.Terminate();
        Assert.Equal(0, await serve.WaitForExitAsync(TimeSpan.FromSeconds(60)));

        Assert.DoesNotContain("FATAL", serve.Stderr, StringComparison.Ordinal);
        Assert.Equal("legacy", health.GetProperty("components").GetProperty("rls").GetProperty("status").GetString());
        Assert.False(answer.GetProperty("blocked").GetBoolean());
        var auditId = Guid.Parse(answer.GetProperty("metadata").GetProperty("audit_id").GetString()!);
        await using var owner = database.CreateOwnerDataSource();
        await using var audit = owner.CreateCommand("SELECT org_id || '/' || client_id || '/' || request_type FROM audit_logs WHERE audit_id = $1");
        audit.Parameters.Add(new NpgsqlParameter { Value = auditId });
        Assert.Equal("local-dev-org/legacy-app/chat", await audit.ExecuteScalarAsync(Token));
    }

    [Theory]
    [MemberData(nameof(OrgTables.Names), MemberType = typeof(OrgTables))]
    public async Task DirectSqlAsTheAppRole_SeesNoRowUntilAppCurrentOrgIdIsSet(string table)
    {
        var org = $"direct-{table}";
        await using (var owner = fixture.Database.CreateOwnerDataSource())
        await using (var insert = owner.CreateCommand(OrgTables.MinimalInserts[table]))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = org });
            await insert.ExecuteNonQueryAsync(Token);
        }

        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(fixture.Database.ConnectionStrings.App) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(Token);
        var count = $"SELECT count(*) FROM {table} WHERE org_id IS NOT NULL";

        var unset = await ScalarAsync(connection, count);
        long inTransaction;
        await using (var transaction = await connection.BeginTransactionAsync(Token))
        {
            await ExecuteAsync(connection, $"SELECT set_config('app.current_org_id', '{org}', true)");
            inTransaction = await ScalarAsync(connection, count);
            await transaction.CommitAsync(Token);
        }

        var afterCommit = await ScalarAsync(connection, count);
        await ExecuteAsync(connection, $"SET app.current_org_id = '{org}'");
        var sessionSet = await ScalarAsync(connection, count);
        await ExecuteAsync(connection, "SET app.current_org_id = 'some-other-org'");
        var otherOrg = await ScalarAsync(connection, count);

        Assert.Equal(0L, unset);
        Assert.Equal(1L, inTransaction);
        Assert.Equal(0L, afterCommit);
        Assert.Equal(1L, sessionSet);
        Assert.Equal(0L, otherOrg);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(Token))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Token);
    }
}
