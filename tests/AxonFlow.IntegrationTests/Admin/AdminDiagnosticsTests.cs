using System.Net;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;

namespace AxonFlow.IntegrationTests.Admin;

/// <summary>GET /api/v1/admin/diagnostics/rls: the posture request traffic runs under, and the admin role.</summary>
public sealed class AdminDiagnosticsTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Rls_ReportsEnforcedForTheAppRole_AndBypassForThePlatformAdmin()
    {
        await using var server = await AxonFlowTestServer.StartAsync(fixture.Database, s => s with { AdminApiKey = AdminClient.Key });

        var json = await HttpAssert.JsonAsync(await new AdminClient(server).GetAsync("/api/v1/admin/diagnostics/rls"), HttpStatusCode.OK);

        Assert.Equal("enforced", json.GetProperty("status").GetString());
        var app = json.GetProperty("app_role");
        Assert.Equal("axonflow_app_role", app.GetProperty("role").GetString());
        Assert.False(app.GetProperty("bypasses_rls").GetBoolean());
        Assert.True(app.GetProperty("enforced").GetBoolean());
        Assert.Empty(app.GetProperty("unprotected_tables").EnumerateArray());
        var apiKeys = app.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("table").GetString() == "api_keys");
        Assert.True(apiKeys.GetProperty("enabled").GetBoolean());
        Assert.True(apiKeys.GetProperty("forced").GetBoolean());
        Assert.True(apiKeys.GetProperty("policies").GetInt32() > 0);
        Assert.True(apiKeys.GetProperty("protected").GetBoolean());
        Assert.Equal("axonflow_platform_admin", json.GetProperty("platform_admin").GetProperty("role").GetString());
        Assert.True(json.GetProperty("platform_admin").GetProperty("bypasses_rls").GetBoolean());
    }

    [Fact]
    public async Task Rls_ReportsNotEnforced_WhenRequestTrafficBypassesRls()
    {
        // The legacy posture: request traffic on the owner DSN, which is not filtered.
        await using var server = await AxonFlowTestServer.StartAsync(
            fixture.Database, s => s with { AdminApiKey = AdminClient.Key, UseAppRole = false }, appConnectionString: fixture.Database.ConnectionStrings.Owner);

        var json = await HttpAssert.JsonAsync(await new AdminClient(server).GetAsync("/api/v1/admin/diagnostics/rls"), HttpStatusCode.OK);

        Assert.Equal("not_enforced", json.GetProperty("status").GetString());
        Assert.True(json.GetProperty("app_role").GetProperty("bypasses_rls").GetBoolean());
    }
}
