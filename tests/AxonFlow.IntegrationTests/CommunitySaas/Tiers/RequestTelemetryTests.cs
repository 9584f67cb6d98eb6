using System.Net;
using AxonFlow.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using static AxonFlow.IntegrationTests.CommunitySaas.Tiers.TierTestHost;

namespace AxonFlow.IntegrationTests.CommunitySaas.Tiers;

/// <summary>One community_saas_request_telemetry row per governed request: canonical client, route pattern, tier, status.</summary>
public sealed class RequestTelemetryTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Now);
    private AxonFlowTestServer _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await StartAsync(fixture.Database, _time, t => t with { FreeDailyLimit = 2 });

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task GovernedRequests_EachWriteOneRow_WithClientRouteTierAndStatus()
    {
        var (tenant, secret) = await CreateTenantAsync(_server, fixture.Database, Now);
        var (token, jti) = MintToken(tenant, Now);
        await GrantAsync(fixture.Database, tenant, jti, token, "pro", Now.AddDays(89));

        await PreCheckAsync(_server, tenant, secret, axonflowClient: "sdk-python/8.1.0");
        using (var audit = Request(HttpMethod.Get, $"/api/v1/audit/tenant/{tenant}", tenant, secret, axonflowClient: " Cursor-Plugin/1.1.0 "))
        {
            await _server.Client.SendAsync(audit, Token);
        }

        await PreCheckAsync(_server, tenant, secret, token);
        await PreCheckAsync(_server, tenant, secret, "AXON-nonsense");
        await PreCheckAsync(_server, tenant, secret, axonflowClient: null);
        await PreCheckAsync(_server, tenant, secret);

        var rows = await RowsAsync(tenant, expected: 6);
        Assert.Equal(
            [
                ("sdk-python/8.1.0", "/api/policy/pre-check", "free", 200),
                ("cursor-plugin/1.1.0", "/api/v1/audit/tenant/{clientId}", "free", 200),
                ("claude-code-plugin/1.1.0", "/api/policy/pre-check", "pro", 200),
                ("claude-code-plugin/1.1.0", "/api/policy/pre-check", null, 401),
                (null, "/api/policy/pre-check", "free", 429),
                ("claude-code-plugin/1.1.0", "/api/policy/pre-check", "free", 429),
            ],
            rows);
    }

    [Fact]
    public async Task NotGovernedRequests_WriteNoRow()
    {
        var (tenant, secret) = await CreateTenantAsync(_server, fixture.Database, Now);
        using var request = Request(HttpMethod.Get, "/api/v1/identity", tenant, secret);

        Assert.Equal(HttpStatusCode.OK, (await _server.Client.SendAsync(request, Token)).StatusCode);
        await PreCheckAsync(_server, tenant, secret);

        var rows = await RowsAsync(tenant, expected: 1);
        Assert.Equal("/api/policy/pre-check", Assert.Single(rows).Route);
    }

    /// <summary>The rows are written after each response is sent; waits until <paramref name="expected"/> are there.</summary>
    private async Task<List<(string? Client, string Route, string? Tier, int Status)>> RowsAsync(string org, int expected)
    {
        await using var owner = fixture.Database.CreateOwnerDataSource();
        var rows = new List<(string?, string, string?, int)>();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            rows.Clear();
            await using var command = owner.CreateCommand("SELECT client, route, tier, status, client_id FROM community_saas_request_telemetry WHERE org_id = $1 ORDER BY id");
            command.Parameters.Add(new NpgsqlParameter { Value = org });
            await using var reader = await command.ExecuteReaderAsync(Token);
            while (await reader.ReadAsync(Token))
            {
                Assert.Equal(org, reader.GetString(4));
                rows.Add((reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt32(3)));
            }

            if (rows.Count >= expected)
            {
                break;
            }

            await Task.Delay(50, Token);
        }

        await Task.Delay(200, Token);
        return rows;
    }
}
