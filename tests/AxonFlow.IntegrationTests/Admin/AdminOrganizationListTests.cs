using System.Net;
using System.Text.Json;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;

namespace AxonFlow.IntegrationTests.Admin;

/// <summary>Listing every organization is cross-org work: it sees all orgs (platform-admin pool), page by page.</summary>
public sealed class AdminOrganizationListTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task List_SeesEveryOrg_PageByPage_AndFiltersByStatus()
    {
        await using var server = await AxonFlowTestServer.StartAsync(fixture.Database, s => s with { AdminApiKey = AdminClient.Key });
        var admin = new AdminClient(server);
        foreach (var org in new[] { "list-a", "list-b", "list-c" })
        {
            await admin.CreateOrganizationAsync(org);
        }

        await HttpAssert.JsonAsync(await admin.PostAsync("/api/v1/admin/organizations/list-b/suspend"), HttpStatusCode.OK);

        // Migration 003 created the deployment org (local-dev-org) first; then the three above, in creation order.
        var first = await HttpAssert.JsonAsync(await admin.GetAsync("/api/v1/admin/organizations?page=1&page_size=2"), HttpStatusCode.OK);
        var second = await HttpAssert.JsonAsync(await admin.GetAsync("/api/v1/admin/organizations?page=2&page_size=2"), HttpStatusCode.OK);
        var suspended = await HttpAssert.JsonAsync(await admin.GetAsync("/api/v1/admin/organizations?status=suspended"), HttpStatusCode.OK);

        Assert.Equal(["local-dev-org", "list-a"], Ids(first));
        Assert.Equal(["list-b", "list-c"], Ids(second));
        Assert.Equal(4, first.GetProperty("pagination").GetProperty("total_items").GetInt64());
        Assert.Equal(2, first.GetProperty("pagination").GetProperty("total_pages").GetInt64());
        Assert.Equal(["list-b"], Ids(suspended));
    }

    [Theory]
    [InlineData("page=0", "page must be 1 or more")]
    [InlineData("page_size=0", "page_size must be between 1 and 200")]
    [InlineData("page_size=201", "page_size must be between 1 and 200")]
    [InlineData("status=gone", "status must be one of")]
    public async Task List_InvalidPaging_Is400(string query, string message)
    {
        await using var server = await AxonFlowTestServer.StartAsync(fixture.Database, s => s with { AdminApiKey = AdminClient.Key });

        var json = await HttpAssert.ErrorAsync(await new AdminClient(server).GetAsync($"/api/v1/admin/organizations?{query}"), HttpStatusCode.BadRequest, "invalid_request");

        Assert.StartsWith(message, json.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    private static List<string> Ids(JsonElement page) =>
        [.. page.GetProperty("organizations").EnumerateArray().Select(o => o.GetProperty("org_id").GetString()!)];
}
