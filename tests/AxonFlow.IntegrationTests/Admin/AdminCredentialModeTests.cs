using System.Net;
using AxonFlow.Core.Identity;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;

namespace AxonFlow.IntegrationTests.Admin;

/// <summary>A credential issued through the admin API authenticates governed requests in every mode with credentials.</summary>
public sealed class AdminCredentialModeTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Theory]
    [InlineData(DeploymentMode.Saas)]
    [InlineData(DeploymentMode.Enterprise)]
    [InlineData(DeploymentMode.Community)]
    public async Task IssuedSecret_AuthenticatesAGovernedRequest_AndRevocationEndsIt(DeploymentMode mode)
    {
        await using var server = await AxonFlowTestServer.StartAsync(fixture.Database, s => s with { Mode = mode, AdminApiKey = AdminClient.Key });
        var admin = new AdminClient(server);
        var org = $"mode-{mode.ToWireName()}";
        await admin.CreateOrganizationAsync(org);
        var (client, secret) = await admin.IssueAsync(org, $"{org}-app");

        var identity = await HttpAssert.JsonAsync(await admin.IdentityAsync(client, secret), HttpStatusCode.OK);
        var wrong = await admin.IdentityAsync(client, "axf_wrong");
        await HttpAssert.JsonAsync(await admin.PostAsync($"/api/v1/admin/organizations/{org}/credentials/{client}/revoke"), HttpStatusCode.OK);
        var revoked = await admin.IdentityAsync(client, secret);

        Assert.Equal(org, identity.GetProperty("org_id").GetString());
        Assert.Equal(client, identity.GetProperty("client_id").GetString());
        Assert.Equal(mode.ToWireName(), identity.GetProperty("deployment_mode").GetString());
        Assert.Equal("credential", identity.GetProperty("authenticated_by").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
    }
}
