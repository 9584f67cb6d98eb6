using System.Net;
using AxonFlow.Core.Identity;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Postgres.Credentials;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AxonFlow.IntegrationTests.Admin;

/// <summary>
/// Two agents on one database. Node two's clock is frozen, so a client id it remembered as unregistered would stay
/// remembered forever: only PostgreSQL's NOTIFY from node one can make it honour a credential issued there.
/// </summary>
public sealed class CredentialNotificationTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task CredentialIssuedOnNodeOne_IsHonouredByNodeTwo_ThatJustSawTheIdUnregistered()
    {
        await using var nodeOne = await AxonFlowTestServer.StartAsync(fixture.Database, Saas);
        await using var nodeTwo = await AxonFlowTestServer.StartAsync(fixture.Database, Saas, new FakeTimeProvider(TimeProvider.System.GetUtcNow()));
        await nodeTwo.Services.GetRequiredService<CredentialChangeListener>().Listening.WaitAsync(Patience, TestContext.Current.CancellationToken);
        var admin = new AdminClient(nodeOne);
        await admin.CreateOrganizationAsync("notify-saas");
        await HttpAssert.ErrorAsync(await AdminClient.IdentityAsync(nodeTwo, "notify-late-app", "axf_guess"), HttpStatusCode.Unauthorized, "invalid_credentials");
        var nodeTwoNow = nodeTwo.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        Assert.True(nodeTwo.Services.GetRequiredService<UnregisteredClientCache>().IsRemembered(ClientId.Create("notify-late-app"), nodeTwoNow));

        var (client, secret) = await admin.IssueAsync("notify-saas", "notify-late-app");

        var status = await EventuallyAsync(async () => (await AdminClient.IdentityAsync(nodeTwo, client, secret)).StatusCode, HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task CommunityMode_NodeTwoStopsTreatingTheIdAsALabel_OnceNodeOneIssuesACredential()
    {
        await using var nodeOne = await AxonFlowTestServer.StartAsync(fixture.Database, Community);
        await using var nodeTwo = await AxonFlowTestServer.StartAsync(fixture.Database, Community, new FakeTimeProvider(TimeProvider.System.GetUtcNow()));
        await nodeTwo.Services.GetRequiredService<CredentialChangeListener>().Listening.WaitAsync(Patience, TestContext.Current.CancellationToken);
        var admin = new AdminClient(nodeOne);
        await admin.CreateOrganizationAsync("notify-community");
        var label = await HttpAssert.JsonAsync(await AdminClient.IdentityAsync(nodeTwo, "notify-label-app", null), HttpStatusCode.OK);
        Assert.Equal("unverified", label.GetProperty("authenticated_by").GetString());

        var (client, secret) = await admin.IssueAsync("notify-community", "notify-label-app");

        var unverified = await EventuallyAsync(async () => (await AdminClient.IdentityAsync(nodeTwo, client, null)).StatusCode, HttpStatusCode.Unauthorized);
        var verified = await HttpAssert.JsonAsync(await AdminClient.IdentityAsync(nodeTwo, client, secret), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Unauthorized, unverified);
        Assert.Equal("notify-community", verified.GetProperty("org_id").GetString());
    }

    [Fact]
    public async Task CredentialRevokedOnNodeOne_FailsTheNextRequestOnNodeTwo()
    {
        await using var nodeOne = await AxonFlowTestServer.StartAsync(fixture.Database, Saas);
        await using var nodeTwo = await AxonFlowTestServer.StartAsync(fixture.Database, Saas);
        var admin = new AdminClient(nodeOne);
        await admin.CreateOrganizationAsync("notify-revoke");
        var (client, secret) = await admin.IssueAsync("notify-revoke", "notify-revoke-app");
        await HttpAssert.JsonAsync(await AdminClient.IdentityAsync(nodeTwo, client, secret), HttpStatusCode.OK);

        await HttpAssert.JsonAsync(await admin.PostAsync($"/api/v1/admin/organizations/notify-revoke/credentials/{client}/revoke"), HttpStatusCode.OK);

        // No waiting: found credentials are never cached, so the very next request on node two is refused.
        await HttpAssert.ErrorAsync(await AdminClient.IdentityAsync(nodeTwo, client, secret), HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    private static Server.Configuration.AxonFlowSettings Saas(Server.Configuration.AxonFlowSettings s) => s with { Mode = DeploymentMode.Saas, AdminApiKey = AdminClient.Key };

    private static Server.Configuration.AxonFlowSettings Community(Server.Configuration.AxonFlowSettings s) => s with { Mode = DeploymentMode.Community, AdminApiKey = AdminClient.Key };

    private static async Task<HttpStatusCode> EventuallyAsync(Func<Task<HttpStatusCode>> probe, HttpStatusCode wanted)
    {
        var started = TimeProvider.System.GetTimestamp();
        HttpStatusCode status;
        while ((status = await probe()) != wanted && TimeProvider.System.GetElapsedTime(started) < Patience)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return status;
    }
}
