using System.Net;
using System.Text.Json;
using AxonFlow.Core.Identity;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace AxonFlow.IntegrationTests.Admin;

/// <summary>Usage per org from the audit trail: per UTC day (zeros included) and per client, only that org's rows.</summary>
public sealed class AdminUsageTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private AxonFlowTestServer _server = null!;
    private AdminClient _admin = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await AxonFlowTestServer.StartAsync(fixture.Database, s => s with { Mode = DeploymentMode.Saas, AdminApiKey = AdminClient.Key }, _time);
        _admin = new AdminClient(_server);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Usage_CountsRequestsBlocksTokensAndCost_PerDayAndPerClient()
    {
        await _admin.CreateOrganizationAsync("usage-org");
        await _admin.CreateOrganizationAsync("usage-neighbour");
        await InsertAsync("usage-org", "app-a", "2026-11-27T23:59:59Z", "allowed", 1000, 1m);
        await InsertAsync("usage-org", "app-a", "2026-11-28T00:00:00Z", "allowed", 100, 0.0015m);
        await InsertAsync("usage-org", "app-a", "2026-11-28T23:59:59Z", "blocked", 0, null);
        await InsertAsync("usage-org", "app-b", "2026-11-28T12:00:00Z", "redacted", 50, 0.0005m);
        await InsertAsync("usage-org", "app-b", "2026-12-01T08:00:00Z", "blocked", 0, 0m);
        await InsertAsync("usage-org", "app-a", "2026-12-02T00:00:00Z", "allowed", 1000, 1m);
        await InsertAsync("usage-neighbour", "app-n", "2026-11-28T12:00:00Z", "blocked", 777, 7m);

        var json = await HttpAssert.JsonAsync(await _admin.GetAsync("/api/v1/admin/organizations/usage-org/usage?from=2026-11-28&to=2026-12-01"), HttpStatusCode.OK);

        Assert.Equal("usage-org", json.GetProperty("org_id").GetString());
        Assert.Equal("2026-11-28", json.GetProperty("from").GetString());
        Assert.Equal("2026-12-01", json.GetProperty("to").GetString());
        AssertCounts(json.GetProperty("totals"), 4, 2, 150, 0.002m);
        var days = json.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(["2026-11-28", "2026-11-29", "2026-11-30", "2026-12-01"], days.Select(d => d.GetProperty("date").GetString()));
        AssertCounts(days[0], 3, 1, 150, 0.002m);
        AssertCounts(days[1], 0, 0, 0, 0m);
        AssertCounts(days[2], 0, 0, 0, 0m);
        AssertCounts(days[3], 1, 1, 0, 0m);
        var clients = json.GetProperty("clients").EnumerateArray().ToList();
        Assert.Equal(["app-a", "app-b"], clients.Select(c => c.GetProperty("client_id").GetString()));
        AssertCounts(clients[0], 2, 1, 100, 0.0015m);
        AssertCounts(clients[1], 2, 1, 50, 0.0005m);
    }

    [Fact]
    public async Task Usage_DefaultsToTheLastThirtyDays()
    {
        await _admin.CreateOrganizationAsync("usage-default");

        var json = await HttpAssert.JsonAsync(await _admin.GetAsync("/api/v1/admin/organizations/usage-default/usage"), HttpStatusCode.OK);

        Assert.Equal("2026-11-02", json.GetProperty("from").GetString());
        Assert.Equal("2026-12-01", json.GetProperty("to").GetString());
        Assert.Equal(30, json.GetProperty("days").GetArrayLength());
        AssertCounts(json.GetProperty("totals"), 0, 0, 0, 0m);
    }

    [Theory]
    [InlineData("from=2026-13-01", "from must be a date (YYYY-MM-DD)")]
    [InlineData("to=yesterday", "to must be a date (YYYY-MM-DD)")]
    [InlineData("from=2026-12-02&to=2026-12-01", "from must not be after to")]
    [InlineData("from=2025-01-01&to=2026-12-01", "the range must span at most 366 days")]
    public async Task Usage_InvalidRange_Is400(string query, string message)
    {
        await _admin.CreateOrganizationAsync($"usage-bad-{Math.Abs(query.GetHashCode(StringComparison.Ordinal))}");

        var json = await HttpAssert.ErrorAsync(
            await _admin.GetAsync($"/api/v1/admin/organizations/usage-bad-{Math.Abs(query.GetHashCode(StringComparison.Ordinal))}/usage?{query}"),
            HttpStatusCode.BadRequest,
            "invalid_request");

        Assert.StartsWith(message, json.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_UnknownOrg_Is404()
    {
        await HttpAssert.ErrorAsync(await _admin.GetAsync("/api/v1/admin/organizations/usage-ghost/usage"), HttpStatusCode.NotFound, "not_found");
    }

    private static void AssertCounts(JsonElement counts, long requests, long blocked, long tokens, decimal cost)
    {
        Assert.Equal(requests, counts.GetProperty("requests").GetInt64());
        Assert.Equal(blocked, counts.GetProperty("blocked").GetInt64());
        Assert.Equal(tokens, counts.GetProperty("tokens").GetInt64());
        Assert.Equal(cost, counts.GetProperty("cost_usd").GetDecimal());
    }

    private async Task InsertAsync(string org, string client, string at, string decision, int tokens, decimal? cost)
    {
        await using var owner = fixture.Database.CreateOwnerDataSource();
        await using var insert = owner.CreateCommand("""
            INSERT INTO audit_logs (org_id, client_id, tenant_id, request_id, "timestamp", policy_decision, tokens_used, cost)
            VALUES ($1, $2, $2, 'r', $3, $4, $5, $6)
            """);
        insert.Parameters.Add(new NpgsqlParameter { Value = org });
        insert.Parameters.Add(new NpgsqlParameter { Value = client });
        insert.Parameters.Add(new NpgsqlParameter { Value = DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        insert.Parameters.Add(new NpgsqlParameter { Value = decision });
        insert.Parameters.Add(new NpgsqlParameter { Value = tokens });
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)cost ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Numeric });
        await insert.ExecuteNonQueryAsync(Token);
    }
}
