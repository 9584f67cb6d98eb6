using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Server.CommunitySaas.Tiers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static AxonFlow.IntegrationTests.CommunitySaas.Tiers.TierTestHost;

namespace AxonFlow.IntegrationTests.CommunitySaas.Tiers;

/// <summary>
/// A schema without some tables: a missing audit table is reported once and skipped while the others are swept; a
/// schema without the SaaS tables (self-hosted) falls through cleanly (42P01, reported once, nothing swept).
/// </summary>
public sealed class RetentionSweepSchemaTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MissingTables_AreReportedOnceAndSkipped()
    {
        var time = new FakeTimeProvider(Now);
        await using var server = await StartAsync(fixture.Database, time, sweep: true);
        var sweep = server.Services.GetRequiredService<RetentionSweepService>();
        var (free, _) = await CreateTenantAsync(server, fixture.Database, Now.AddDays(-30));
        await ExecuteAsync(fixture.Database, "INSERT INTO audit_logs (org_id, client_id, request_id, \"timestamp\") VALUES ($1, $1, 'r', $2)", free, Now.AddDays(-4));
        await ExecuteAsync(fixture.Database, "DROP TABLE execution_history");

        var first = await sweep.SweepAsync(Now, Token);
        await sweep.SweepAsync(Now, Token);
        await ExecuteAsync(fixture.Database, "DROP TABLE community_saas_tenants CASCADE");
        var withoutSaas = await sweep.SweepAsync(Now, Token);
        await sweep.SweepAsync(Now, Token);

        Assert.Equal(1, first["audit_logs"]);
        Assert.Empty(withoutSaas);
        Assert.Single(server.Logs.Entries, e => e.EventId.Id == 7114 && e.Message.Contains("execution_history", StringComparison.Ordinal));
        Assert.Single(server.Logs.Entries, e => e.EventId.Id == 7113);
    }
}
