using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Server.CommunitySaas.Tiers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using NpgsqlTypes;
using static AxonFlow.IntegrationTests.CommunitySaas.Tiers.TierTestHost;

namespace AxonFlow.IntegrationTests.CommunitySaas.Tiers;

/// <summary>
/// [CSAAS-SWEEP] at an explicit time: each tenant's rows older than its tier's retention go from every audit table, in
/// batches; younger rows, and every row of orgs that are not tenants, stay.
/// </summary>
public sealed class RetentionSweepTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, string> Inserts = new(StringComparer.Ordinal)
    {
        ["audit_logs"] = "INSERT INTO audit_logs (org_id, client_id, request_id, \"timestamp\") VALUES ($1, $1, 'r', $2)",
        ["llm_call_audits"] = "INSERT INTO llm_call_audits (org_id, provider, model, created_at) VALUES ($1, 'local', 'm', $2)",
        ["mcp_query_audits"] = "INSERT INTO mcp_query_audits (org_id, created_at) VALUES ($1, $2)",
        ["gateway_contexts"] = "INSERT INTO gateway_contexts (org_id, approved, created_at, expires_at) VALUES ($1, true, $2, $2 + interval '5 minutes')",
        ["agent_audit_logs"] = "INSERT INTO agent_audit_logs (org_id, action, \"timestamp\") VALUES ($1, 'a', $2)",
        ["execution_history"] = "INSERT INTO execution_history (org_id, started_at) VALUES ($1, $2)",
        ["community_saas_request_telemetry"] = "INSERT INTO community_saas_request_telemetry (org_id, client_id, route, tier, status, created_at) VALUES ($1, $1, '/api/v1/process', 'free', 200, $2)",
        ["daily_usage"] = "INSERT INTO daily_usage (org_id, tenant_id, client_id, usage_date, event_count) VALUES ($1, $1, $1, ($2 AT TIME ZONE 'UTC')::date, 1)",
    };

    private readonly FakeTimeProvider _time = new(Now);
    private AxonFlowTestServer _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private RetentionSweepService Sweep => _server.Services.GetRequiredService<RetentionSweepService>();

    public async ValueTask InitializeAsync() => _server = await StartAsync(fixture.Database, _time, t => t with { SweepBatchSize = 2 }, sweep: true);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task FreeTenant_RowsOlderThanThreeDays_GoFromEveryAuditTable_InBatches()
    {
        var (free, _) = await CreateTenantAsync(_server, fixture.Database, Now.AddDays(-30));
        var before = await CountsAsync(free);
        foreach (var table in Inserts.Keys)
        {
            await InsertAsync(table, free, Now.AddDays(-4));
            await InsertAsync(table, free, Now.AddDays(-2));
        }

        for (var i = 0; i < 4; i++)
        {
            await InsertAsync("audit_logs", free, Now.AddDays(-5).AddMinutes(i));
        }

        var deleted = await Sweep.SweepAsync(Now, Token);

        Assert.Equal(5, deleted["audit_logs"]);
        foreach (var table in Inserts.Keys)
        {
            Assert.True(before[table] + 1 == await CountAsync(table, free), table);
            Assert.True(deleted[table] >= 1, table);
        }
    }

    [Fact]
    public async Task ProTenant_KeepsTenDayOldRows_LosesThoseOlderThanThirtyDays()
    {
        var (pro, _) = await CreateTenantAsync(_server, fixture.Database, Now.AddDays(-60));
        await GrantAsync(fixture.Database, pro, "sweep-pro-" + Guid.NewGuid().ToString("N"), "AXON-x.y", "pro", Now.AddDays(60));
        await InsertAsync("audit_logs", pro, Now.AddDays(-10));
        await InsertAsync("audit_logs", pro, Now.AddDays(-31));
        await InsertAsync("llm_call_audits", pro, Now.AddDays(-10));

        await Sweep.SweepAsync(Now, Token);

        Assert.Equal(1L, await CountAsync("audit_logs", pro));
        Assert.Equal(1L, await CountAsync("llm_call_audits", pro));
    }

    [Fact]
    public async Task PremiumTenant_KeepsNinetyDays_AndARevokedProTenantIsSweptAsFree()
    {
        var (premium, _) = await CreateTenantAsync(_server, fixture.Database, Now.AddDays(-200));
        await GrantAsync(fixture.Database, premium, "sweep-premium-" + Guid.NewGuid().ToString("N"), "AXON-x.y", "premium", Now.AddDays(10));
        var (refunded, _) = await CreateTenantAsync(_server, fixture.Database, Now.AddDays(-20));
        var jti = "sweep-refunded-" + Guid.NewGuid().ToString("N");
        await GrantAsync(fixture.Database, refunded, jti, "AXON-x.y", "pro", Now.AddDays(80));
        await RevokeAsync(fixture.Database, refunded, jti);
        await InsertAsync("audit_logs", premium, Now.AddDays(-60));
        await InsertAsync("audit_logs", premium, Now.AddDays(-91));
        await InsertAsync("audit_logs", refunded, Now.AddDays(-10));

        await Sweep.SweepAsync(Now, Token);

        Assert.Equal(1L, await CountAsync("audit_logs", premium));
        Assert.Equal(0L, await CountAsync("audit_logs", refunded));
    }

    [Fact]
    public async Task OrgsThatAreNotTenants_AreNeverTouched()
    {
        var (free, _) = await CreateTenantAsync(_server, fixture.Database, Now.AddDays(-30));
        var (other, _) = await CreatePlainOrgAsync(_server, fixture.Database, "not-a-tenant", Now.AddDays(-400));
        var before = await CountsAsync(other);
        foreach (var table in Inserts.Keys)
        {
            await InsertAsync(table, other, Now.AddDays(-100));
        }

        await InsertAsync("audit_logs", free, Now.AddDays(-100));

        await Sweep.SweepAsync(Now, Token);

        foreach (var table in Inserts.Keys)
        {
            Assert.True(before[table] + 1 == await CountAsync(table, other), table);
        }

        Assert.Equal(0L, await CountAsync("audit_logs", free));
    }

    [Fact]
    public async Task Sweep_LogsTheCountsWithItsPrefix()
    {
        var (free, _) = await CreateTenantAsync(_server, fixture.Database, Now.AddDays(-30));
        await InsertAsync("mcp_query_audits", free, Now.AddDays(-4));

        await Sweep.SweepAsync(Now, Token);

        Assert.Contains(_server.Logs.Entries, e => e.EventId.Id == 7111 && e.Message.StartsWith("[CSAAS-SWEEP] mcp_query_audits: ", StringComparison.Ordinal));
        Assert.Contains(_server.Logs.Entries, e => e.EventId.Id == 7112 && e.Message.StartsWith("[CSAAS-SWEEP] sweep done: ", StringComparison.Ordinal));
    }

    private async Task InsertAsync(string table, string org, DateTimeOffset at)
    {
        await using var owner = fixture.Database.CreateOwnerDataSource();
        await using var command = owner.CreateCommand(Inserts[table]);
        command.Parameters.Add(new NpgsqlParameter { Value = org });
        command.Parameters.Add(new NpgsqlParameter { Value = at, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync(Token);
    }

    /// <summary>Rows the setup itself wrote (issuing a credential records it in agent_audit_logs, at the real clock's time).</summary>
    private async Task<Dictionary<string, long>> CountsAsync(string org)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in Inserts.Keys)
        {
            counts[table] = await CountAsync(table, org);
        }

        return counts;
    }

    private async Task<long> CountAsync(string table, string org)
    {
        await using var owner = fixture.Database.CreateOwnerDataSource();
        await using var command = owner.CreateCommand($"SELECT count(*) FROM {table} WHERE org_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = org });
        return (long)(await command.ExecuteScalarAsync(Token))!;
    }
}
