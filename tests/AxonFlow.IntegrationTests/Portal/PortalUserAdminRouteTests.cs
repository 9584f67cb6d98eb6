using System.Net;
using AxonFlow.IntegrationTests.Admin;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;

namespace AxonFlow.IntegrationTests.Portal;

/// <summary><c>POST /api/v1/admin/organizations/{org_id}/portal-users</c> on the real agent: behind the admin key, then a real login.</summary>
public sealed class PortalUserAdminRouteTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task AdminKey_CreatesAPortalLoginThatSignsIn()
    {
        await using var server = await AxonFlowTestServer.StartAsync(fixture.Database, s => s with { AdminApiKey = AdminClient.Key });
        var admin = new AdminClient(server);
        await admin.CreateOrganizationAsync("admin-route-org", "Admin Route Org");

        var created = await HttpAssert.JsonAsync(
            await admin.PostAsync("/api/v1/admin/organizations/admin-route-org/portal-users", new { email = "route@example.test", role = "admin" }),
            HttpStatusCode.Created);
        using var browser = PortalBrowser.For(server);
        var login = await HttpAssert.JsonAsync(await browser.LoginAsync("route@example.test", created.GetProperty("password").GetString()!), HttpStatusCode.OK);

        Assert.Equal("Admin Route Org", login.GetProperty("org").GetProperty("name").GetString());
        Assert.Equal("admin", login.GetProperty("user").GetProperty("role").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-admin-key-0123456789")]
    public async Task WithoutTheAdminKey_Is401AndCreatesNothing(string? key)
    {
        await using var server = await AxonFlowTestServer.StartAsync(fixture.Database, s => s with { AdminApiKey = AdminClient.Key });
        await PortalSeed.OrganizationAsync(fixture.Database, "admin-route-org-2");

        var response = await new AdminClient(server, key).PostAsync("/api/v1/admin/organizations/admin-route-org-2/portal-users", new { email = "sneaky@example.test" });

        await HttpAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_admin_key");
        Assert.Equal(0L, await PortalSeed.CountAsync(fixture.Database, "SELECT count(*) FROM portal_users WHERE email = 'sneaky@example.test'"));
    }

    [Fact]
    public async Task APortalSession_IsNotAnAdminCredential()
    {
        await using var server = await AxonFlowTestServer.StartAsync(fixture.Database, s => s with { AdminApiKey = AdminClient.Key });
        await PortalSeed.OrganizationAsync(fixture.Database, "admin-route-org-3");
        using var portalAdmin = await PortalSeed.SignedInAsync(server, "admin-route-org-3", "portal-admin-not-admin-api@example.test", Core.Portal.PortalRole.Admin);

        var response = await portalAdmin.PostAsync("/api/v1/admin/organizations/admin-route-org-3/portal-users", new { email = "via-cookie@example.test" });

        await HttpAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_admin_key");
    }
}
