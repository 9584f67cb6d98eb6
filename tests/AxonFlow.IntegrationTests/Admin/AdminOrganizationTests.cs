using System.Net;
using AxonFlow.Core.Identity;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;

namespace AxonFlow.IntegrationTests.Admin;

/// <summary>Organizations through the admin API: create, get, validation, duplicates, suspend and resume.</summary>
public sealed class AdminOrganizationTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private AxonFlowTestServer _server = null!;
    private AdminClient _admin = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await AxonFlowTestServer.StartAsync(fixture.Database, s => s with { Mode = DeploymentMode.Saas, AdminApiKey = AdminClient.Key });
        _admin = new AdminClient(_server);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Create_Returns201WithTheOrg_AndGetReadsItBack()
    {
        var response = await _admin.PostAsync("/api/v1/admin/organizations", new { org_id = "org-create", name = " Create Corp ", tier = "enterprise" });

        Assert.Equal("/api/v1/admin/organizations/org-create", response.Headers.Location?.ToString());
        var created = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal("org-create", created.GetProperty("org_id").GetString());
        Assert.Equal("Create Corp", created.GetProperty("name").GetString());
        Assert.Equal("enterprise", created.GetProperty("tier").GetString());
        Assert.Equal("active", created.GetProperty("status").GetString());
        var fetched = await HttpAssert.JsonAsync(await _admin.GetAsync("/api/v1/admin/organizations/org-create"), HttpStatusCode.OK);
        Assert.Equal("Create Corp", fetched.GetProperty("name").GetString());
        Assert.Equal(0, fetched.GetProperty("active_credentials").GetInt32());
    }

    [Fact]
    public async Task Create_DefaultsTheTierToCommunity()
    {
        var created = await _admin.CreateOrganizationAsync("org-default-tier");

        Assert.Equal("community", created.GetProperty("tier").GetString());
    }

    [Fact]
    public async Task Create_IsRecordedInTheOrgsAuditTrail_WithTheDeclaredActor()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/organizations")
        {
            Content = new StringContent("""{"org_id":"org-audited","name":"Audited"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Admin-API-Key", AdminClient.Key);
        request.Headers.Add("X-Admin-Actor", "ops@example.com");
        await HttpAssert.JsonAsync(await _server.Client.SendAsync(request, Token), HttpStatusCode.Created);

        await using var owner = fixture.Database.CreateOwnerDataSource();
        await using var select = owner.CreateCommand("SELECT action, resource, client_id, details->>'actor_type' FROM agent_audit_logs WHERE org_id = 'org-audited'");
        await using var reader = await select.ExecuteReaderAsync(Token);
        Assert.True(await reader.ReadAsync(Token));
        Assert.Equal("organization.created", reader.GetString(0));
        Assert.Equal("organization:org-audited", reader.GetString(1));
        Assert.Equal("ops@example.com", reader.GetString(2));
        Assert.Equal("admin_api", reader.GetString(3));
        Assert.Contains(_server.Logs.Entries, e => e.EventId.Id == 6001 && e.Message.Contains("organization.created", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_Duplicate_Is409()
    {
        await _admin.CreateOrganizationAsync("org-dup");

        var json = await HttpAssert.ErrorAsync(
            await _admin.PostAsync("/api/v1/admin/organizations", new { org_id = "org-dup", name = "Again" }), HttpStatusCode.Conflict, "conflict");

        Assert.Equal("Organization 'org-dup' already exists", json.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("""{"name":"No id"}""", "org_id is required")]
    [InlineData("""{"org_id":"has space","name":"n"}""", "org_id must be 1-128 characters")]
    [InlineData("""{"org_id":"ok-id"}""", "name is required")]
    [InlineData("""{"org_id":"ok-id","name":"   "}""", "name is required")]
    [InlineData("""{"org_id":"ok-id","name":"n","tier":"platinum"}""", "tier must be one of")]
    [InlineData("""{"org_id":"ok-id","name":"line\nbreak"}""", "name must not contain control characters")]
    public async Task Create_InvalidInput_Is400NamingTheField(string body, string message)
    {
        var json = await HttpAssert.ErrorAsync(await _admin.PostJsonAsync("/api/v1/admin/organizations", body), HttpStatusCode.BadRequest, "invalid_request");

        Assert.StartsWith(message, json.GetProperty("error").GetString(), StringComparison.Ordinal);
        await using var owner = fixture.Database.CreateOwnerDataSource();
        await using var count = owner.CreateCommand("SELECT count(*) FROM organizations WHERE org_id IN ('ok-id', 'has space')");
        Assert.Equal(0L, await count.ExecuteScalarAsync(Token));
    }

    [Fact]
    public async Task Create_MalformedJson_Is400()
    {
        await HttpAssert.ErrorAsync(await _admin.PostJsonAsync("/api/v1/admin/organizations", "{ nope"), HttpStatusCode.BadRequest, "invalid_json");
    }

    [Fact]
    public async Task Get_UnknownOrg_Is404_AndInvalidId_Is400()
    {
        await HttpAssert.ErrorAsync(await _admin.GetAsync("/api/v1/admin/organizations/nobody-here"), HttpStatusCode.NotFound, "not_found");
        await HttpAssert.ErrorAsync(await _admin.GetAsync("/api/v1/admin/organizations/bad%20id"), HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Suspend_StopsTheOrgsCredentialsOnTheNextRequest_AndResumeRestoresThem()
    {
        await _admin.CreateOrganizationAsync("org-suspend");
        var (client, secret) = await _admin.IssueAsync("org-suspend", "suspend-app");
        await HttpAssert.JsonAsync(await _admin.IdentityAsync(client, secret), HttpStatusCode.OK);

        var suspended = await HttpAssert.JsonAsync(await _admin.PostAsync("/api/v1/admin/organizations/org-suspend/suspend"), HttpStatusCode.OK);
        var whileSuspended = await HttpAssert.ErrorAsync(await _admin.IdentityAsync(client, secret), HttpStatusCode.Unauthorized, "invalid_credentials");
        var resumed = await HttpAssert.JsonAsync(await _admin.PostAsync("/api/v1/admin/organizations/org-suspend/resume"), HttpStatusCode.OK);
        var afterResume = await HttpAssert.JsonAsync(await _admin.IdentityAsync(client, secret), HttpStatusCode.OK);

        Assert.Equal("suspended", suspended.GetProperty("status").GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, suspended.GetProperty("suspended_at").ValueKind);
        Assert.Equal("Invalid credentials", whileSuspended.GetProperty("error").GetString());
        Assert.Equal("active", resumed.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, resumed.GetProperty("suspended_at").ValueKind);
        Assert.Equal("org-suspend", afterResume.GetProperty("org_id").GetString());
    }

    [Fact]
    public async Task Suspend_IsIdempotent_AndRecordedOnce()
    {
        await _admin.CreateOrganizationAsync("org-suspend-twice");

        await HttpAssert.JsonAsync(await _admin.PostAsync("/api/v1/admin/organizations/org-suspend-twice/suspend"), HttpStatusCode.OK);
        var again = await HttpAssert.JsonAsync(await _admin.PostAsync("/api/v1/admin/organizations/org-suspend-twice/suspend"), HttpStatusCode.OK);

        Assert.Equal("suspended", again.GetProperty("status").GetString());
        await using var owner = fixture.Database.CreateOwnerDataSource();
        await using var count = owner.CreateCommand("SELECT count(*) FROM agent_audit_logs WHERE org_id = 'org-suspend-twice' AND action = 'organization.suspended'");
        Assert.Equal(1L, await count.ExecuteScalarAsync(Token));
    }

    [Fact]
    public async Task Suspend_UnknownOrg_Is404()
    {
        await HttpAssert.ErrorAsync(await _admin.PostAsync("/api/v1/admin/organizations/ghost-org/suspend"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Suspend_DeletedOrg_Is409()
    {
        await using (var owner = fixture.Database.CreateOwnerDataSource())
        await using (var insert = owner.CreateCommand("INSERT INTO organizations (org_id, name, status) VALUES ('org-deleted', 'Gone', 'deleted')"))
        {
            await insert.ExecuteNonQueryAsync(Token);
        }

        await HttpAssert.ErrorAsync(await _admin.PostAsync("/api/v1/admin/organizations/org-deleted/resume"), HttpStatusCode.Conflict, "conflict");
    }
}
