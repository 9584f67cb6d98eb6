using System.Net;
using System.Net.Http.Headers;
using AxonFlow.Core.Identity;
using AxonFlow.Core.Portal;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.IntegrationTests.Portal;
using AxonFlow.Postgres.Portal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AxonFlow.IntegrationTests.Scim;

/// <summary>
/// SCIM 2.0 provisioning as Okta and Azure AD drive it: full CRUD, filters and paging, PatchOp deactivation that ends
/// sessions, the error schema, bearer-only authentication, revocation, and org isolation between tokens.
/// </summary>
public sealed class ScimUserTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string OrgA = "scim-org-a";
    private const string OrgB = "scim-org-b";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 10, 9, 0, 0, TimeSpan.Zero));
    private AxonFlowTestServer _server = null!;
    private PortalBrowser _adminA = null!;
    private ScimClient _a = null!;
    private ScimClient _b = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await PortalSeed.OrganizationAsync(fixture.Database, OrgA);
        await PortalSeed.OrganizationAsync(fixture.Database, OrgB);
        _server = await AxonFlowTestServer.StartAsync(fixture.Database, timeProvider: _time);
        var suffix = Unique();
        _adminA = await PortalSeed.SignedInAsync(_server, OrgA, $"admin-a-{suffix}@example.test", PortalRole.Admin);
        using var adminB = await PortalSeed.SignedInAsync(_server, OrgB, $"admin-b-{suffix}@example.test", PortalRole.Admin);
        _a = new ScimClient(_server, await MintAsync(_adminA));
        _b = new ScimClient(_server, await MintAsync(adminB));
    }

    public async ValueTask DisposeAsync()
    {
        _adminA.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Create_ReturnsTheUserResource_AsAPortalUserOfTheTokensOrg()
    {
        var email = $"ada-{Unique()}@example.test";

        var response = await _a.PostAsync("/scim/v2/Users", ScimClient.User(email, externalId: "okta-1" + Unique()));

        var user = await ScimAssert.ResourceAsync(response, HttpStatusCode.Created);
        var id = user.GetProperty("id").GetString()!;
        Assert.Equal("urn:ietf:params:scim:schemas:core:2.0:User", user.GetProperty("schemas")[0].GetString());
        Assert.Equal(email, user.GetProperty("userName").GetString());
        Assert.Equal("Ada", user.GetProperty("name").GetProperty("givenName").GetString());
        Assert.Equal("Ada Lovelace", user.GetProperty("displayName").GetString());
        Assert.True(user.GetProperty("active").GetBoolean());
        Assert.Equal("member", user.GetProperty("roles")[0].GetProperty("value").GetString());
        Assert.Equal("User", user.GetProperty("meta").GetProperty("resourceType").GetString());
        Assert.EndsWith($"/scim/v2/Users/{id}", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(1L, await PortalSeed.CountAsync(fixture.Database, "SELECT count(*) FROM portal_users WHERE id = $1::uuid AND org_id = $2 AND source = 'scim'", id, OrgA));
    }

    [Fact]
    public async Task GetAndList_FindTheUserByIdByUserNameAndByExternalId()
    {
        var (id, email, externalId) = await CreateAsync(_a);

        var byId = await ScimAssert.ResourceAsync(await _a.GetAsync($"/scim/v2/Users/{id}"), HttpStatusCode.OK);
        var byUserName = await ScimAssert.ResourceAsync(await _a.GetAsync($"/scim/v2/Users?filter={Uri.EscapeDataString($"userName eq \"{email.ToUpperInvariant()}\"")}"), HttpStatusCode.OK);
        var byExternalId = await ScimAssert.ResourceAsync(await _a.GetAsync($"/scim/v2/Users?filter={Uri.EscapeDataString($"externalId eq \"{externalId}\"")}"), HttpStatusCode.OK);
        var none = await ScimAssert.ResourceAsync(await _a.GetAsync($"/scim/v2/Users?filter={Uri.EscapeDataString("userName eq \"nobody@example.test\"")}"), HttpStatusCode.OK);

        Assert.Equal(email, byId.GetProperty("userName").GetString());
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:ListResponse", byUserName.GetProperty("schemas")[0].GetString());
        Assert.Equal(1, byUserName.GetProperty("totalResults").GetInt32());
        Assert.Equal(id, byUserName.GetProperty("Resources")[0].GetProperty("id").GetString());
        Assert.Equal(id, byExternalId.GetProperty("Resources")[0].GetProperty("id").GetString());
        Assert.Equal(0, none.GetProperty("totalResults").GetInt32());
        Assert.Equal(0, none.GetProperty("Resources").GetArrayLength());
    }

    [Fact]
    public async Task List_PagesWithStartIndexAndCount()
    {
        await using var database = await (await PostgresCluster.GetAsync()).CreateDatabaseAsync("scimpaging");
        await PortalSeed.OrganizationAsync(database, "paging-org");
        await using var server = await AxonFlowTestServer.StartAsync(database, timeProvider: _time);
        using var admin = await PortalSeed.SignedInAsync(server, "paging-org", "paging-admin@example.test", PortalRole.Admin);
        var scim = new ScimClient(server, await MintAsync(admin));
        for (var i = 0; i < 4; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await ScimAssert.ResourceAsync(await scim.PostAsync("/scim/v2/Users", ScimClient.User($"page-{i}@example.test")), HttpStatusCode.Created);
        }

        var page = await ScimAssert.ResourceAsync(await scim.GetAsync("/scim/v2/Users?startIndex=2&count=2"), HttpStatusCode.OK);
        var countOnly = await ScimAssert.ResourceAsync(await scim.GetAsync("/scim/v2/Users?count=0"), HttpStatusCode.OK);
        var belowOne = await ScimAssert.ResourceAsync(await scim.GetAsync("/scim/v2/Users?startIndex=-3&count=1"), HttpStatusCode.OK);

        Assert.Equal(5, page.GetProperty("totalResults").GetInt32());
        Assert.Equal(2, page.GetProperty("startIndex").GetInt32());
        Assert.Equal(2, page.GetProperty("itemsPerPage").GetInt32());
        Assert.Equal(["page-0@example.test", "page-1@example.test"], page.GetProperty("Resources").EnumerateArray().Select(r => r.GetProperty("userName").GetString()));
        Assert.Equal(5, countOnly.GetProperty("totalResults").GetInt32());
        Assert.Equal(0, countOnly.GetProperty("Resources").GetArrayLength());
        Assert.Equal(1, belowOne.GetProperty("startIndex").GetInt32());
        Assert.Equal("paging-admin@example.test", belowOne.GetProperty("Resources")[0].GetProperty("userName").GetString());
    }

    [Fact]
    public async Task Put_ReplacesTheUser()
    {
        var (id, _, _) = await CreateAsync(_a);
        var renamed = $"grace-{Unique()}@example.test";

        var replaced = await ScimAssert.ResourceAsync(await _a.PutAsync($"/scim/v2/Users/{id}", ScimClient.User(renamed, given: "Grace", family: "Hopper")), HttpStatusCode.OK);

        Assert.Equal(renamed, replaced.GetProperty("userName").GetString());
        Assert.Equal("Grace Hopper", replaced.GetProperty("displayName").GetString());
        Assert.False(replaced.TryGetProperty("externalId", out _));
        Assert.Equal(renamed, (await ScimAssert.ResourceAsync(await _a.GetAsync($"/scim/v2/Users/{id}"), HttpStatusCode.OK)).GetProperty("userName").GetString());
    }

    [Fact]
    public async Task PatchActiveFalse_AzureStyle_EndsTheUsersSessionsAndLogins()
    {
        var email = $"leaver-{Unique()}@example.test";
        var created = await ScimAssert.ResourceAsync(await _a.PostAsync("/scim/v2/Users", ScimClient.User(email, password: PortalSeed.Password)), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        using var browser = PortalBrowser.For(_server);
        Assert.Equal(HttpStatusCode.OK, (await browser.LoginAsync(email, PortalSeed.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/auth/me")).StatusCode);

        var patched = await ScimAssert.ResourceAsync(
            await _a.PatchAsync($"/scim/v2/Users/{id}", """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}"""),
            HttpStatusCode.OK);

        Assert.False(patched.GetProperty("active").GetBoolean());
        await HttpAssert.ErrorAsync(await browser.GetAsync("/api/v1/auth/me"), HttpStatusCode.Unauthorized, "invalid_session");
        Assert.Equal(0L, await PortalSeed.CountAsync(fixture.Database, "SELECT count(*) FROM portal_sessions WHERE user_id = $1::uuid", id));
        await HttpAssert.ErrorAsync(await browser.LoginAsync(email, PortalSeed.Password), HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task Patch_OktaStyleWithoutPath_AppliesTheValueObject()
    {
        var (id, _, _) = await CreateAsync(_a);

        var patched = await ScimAssert.ResourceAsync(
            await _a.PatchAsync($"/scim/v2/Users/{id}", """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false,"displayName":"Renamed","name.familyName":"Byron"}}]}"""),
            HttpStatusCode.OK);

        Assert.False(patched.GetProperty("active").GetBoolean());
        Assert.Equal("Renamed", patched.GetProperty("displayName").GetString());
        Assert.Equal("Byron", patched.GetProperty("name").GetProperty("familyName").GetString());
    }

    [Fact]
    public async Task Delete_RemovesTheUserAndTheirSessions()
    {
        var email = $"deleted-{Unique()}@example.test";
        var id = (await ScimAssert.ResourceAsync(await _a.PostAsync("/scim/v2/Users", ScimClient.User(email, password: PortalSeed.Password)), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        using var browser = PortalBrowser.For(_server);
        Assert.Equal(HttpStatusCode.OK, (await browser.LoginAsync(email, PortalSeed.Password)).StatusCode);

        var deleted = await _a.DeleteAsync($"/scim/v2/Users/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ScimAssert.ErrorAsync(await _a.GetAsync($"/scim/v2/Users/{id}"), HttpStatusCode.NotFound);
        await ScimAssert.ErrorAsync(await _a.DeleteAsync($"/scim/v2/Users/{id}"), HttpStatusCode.NotFound);
        await HttpAssert.ErrorAsync(await browser.GetAsync("/api/v1/auth/me"), HttpStatusCode.Unauthorized, "invalid_session");
    }

    [Fact]
    public async Task Create_UserNameInUse_Is409Uniqueness_EvenAcrossOrgs()
    {
        var (_, email, _) = await CreateAsync(_a);

        await ScimAssert.ErrorAsync(await _a.PostAsync("/scim/v2/Users", ScimClient.User(email.ToUpperInvariant())), HttpStatusCode.Conflict, "uniqueness");
        await ScimAssert.ErrorAsync(await _b.PostAsync("/scim/v2/Users", ScimClient.User(email)), HttpStatusCode.Conflict, "uniqueness");
    }

    [Theory]
    [InlineData("{not json", "invalidSyntax")]
    [InlineData("[1,2]", "invalidSyntax")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"active":true}""", "invalidValue")]
    [InlineData("""{"userName":"not-an-email"}""", "invalidValue")]
    [InlineData("""{"userName":"x@example.test","active":"maybe"}""", "invalidValue")]
    [InlineData("""{"userName":"x@example.test","password":"short"}""", "invalidValue")]
    [InlineData("""{"userName":"x@example.test","roles":[{"value":"owner"}]}""", "invalidValue")]
    public async Task Create_InvalidBody_Is400InTheScimErrorSchema(string body, string scimType)
    {
        await ScimAssert.ErrorAsync(await _a.PostAsync("/scim/v2/Users", body), HttpStatusCode.BadRequest, scimType);
        Assert.Equal(0L, await PortalSeed.CountAsync(fixture.Database, "SELECT count(*) FROM portal_users WHERE email = 'x@example.test'"));
    }

    [Theory]
    [InlineData("title eq \"x\"")]
    [InlineData("userName co \"x\"")]
    [InlineData("userName eq x")]
    [InlineData("userName eq \"a\" and active eq true")]
    public async Task List_UnsupportedFilter_Is400InvalidFilter(string filter)
    {
        await ScimAssert.ErrorAsync(await _a.GetAsync($"/scim/v2/Users?filter={Uri.EscapeDataString(filter)}"), HttpStatusCode.BadRequest, "invalidFilter");
    }

    [Theory]
    [InlineData("""{"Operations":[]}""", "invalidSyntax")]
    [InlineData("""{"Operations":[{"op":"move","path":"active","value":false}]}""", "invalidSyntax")]
    [InlineData("""{"Operations":[{"op":"remove"}]}""", "noTarget")]
    [InlineData("""{"Operations":[{"op":"remove","path":"userName"}]}""", "mutability")]
    [InlineData("""{"Operations":[{"op":"replace","path":"active","value":"nope"}]}""", "invalidValue")]
    public async Task Patch_InvalidOperations_Are400AndChangeNothing(string body, string scimType)
    {
        var (id, _, _) = await CreateAsync(_a);

        await ScimAssert.ErrorAsync(await _a.PatchAsync($"/scim/v2/Users/{id}", body), HttpStatusCode.BadRequest, scimType);
        Assert.True((await ScimAssert.ResourceAsync(await _a.GetAsync($"/scim/v2/Users/{id}"), HttpStatusCode.OK)).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Requests_WithoutAValidBearerToken_Are401InTheScimErrorSchema()
    {
        var credential = await _server.IssueCredentialAsync(OrgA, "scim-basic-app");
        var candidates = new (ScimClient Client, AuthenticationHeaderValue? Header)[]
        {
            (new ScimClient(_server, null), null),
            (new ScimClient(_server, "axscim_" + new string('x', 43)), null),
            (new ScimClient(_server, null), AxonFlowTestServer.Basic("scim-basic-app", credential.Secret)),
            (new ScimClient(_server, null), new AuthenticationHeaderValue("Bearer", _adminA.SessionToken)),
        };

        foreach (var (client, header) in candidates)
        {
            var response = await client.SendAsync(HttpMethod.Get, "/scim/v2/Users", null, header);
            await ScimAssert.ErrorAsync(response, HttpStatusCode.Unauthorized);
            Assert.Equal("Bearer realm=\"axonflow-scim\"", response.Headers.WwwAuthenticate.ToString());
        }
    }

    [Fact]
    public async Task RevokedAndExpiredTokens_StopWorkingOnTheNextRequest()
    {
        var issued = await HttpAssert.JsonAsync(await _adminA.PostAsync("/api/v1/portal/scim-tokens", new { label = "to revoke" }), HttpStatusCode.Created);
        var client = new ScimClient(_server, issued.GetProperty("token").GetString());
        var expiring = await _server.Services.GetRequiredService<ScimTokenStore>().IssueAsync(OrgId.Create(OrgA), "short", "test", _time.GetUtcNow(), _time.GetUtcNow().AddMinutes(5), Token);
        var shortLived = new ScimClient(_server, expiring.Token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/scim/v2/Users")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await shortLived.GetAsync("/scim/v2/Users")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await _adminA.DeleteAsync($"/api/v1/portal/scim-tokens/{issued.GetProperty("id").GetGuid()}")).StatusCode);
        _time.Advance(TimeSpan.FromMinutes(6));

        await ScimAssert.ErrorAsync(await client.GetAsync("/scim/v2/Users"), HttpStatusCode.Unauthorized);
        await ScimAssert.ErrorAsync(await shortLived.GetAsync("/scim/v2/Users"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TokenOfOrgA_NeverSeesOrChangesOrgBUsers()
    {
        var (idB, emailB, externalB) = await CreateAsync(_b);

        var list = await ScimAssert.ResourceAsync(await _a.GetAsync("/scim/v2/Users?count=200"), HttpStatusCode.OK);
        var filtered = await ScimAssert.ResourceAsync(await _a.GetAsync($"/scim/v2/Users?filter={Uri.EscapeDataString($"externalId eq \"{externalB}\"")}"), HttpStatusCode.OK);
        await ScimAssert.ErrorAsync(await _a.GetAsync($"/scim/v2/Users/{idB}"), HttpStatusCode.NotFound);
        await ScimAssert.ErrorAsync(await _a.PatchAsync($"/scim/v2/Users/{idB}", """{"Operations":[{"op":"replace","path":"active","value":false}]}"""), HttpStatusCode.NotFound);
        await ScimAssert.ErrorAsync(await _a.PutAsync($"/scim/v2/Users/{idB}", ScimClient.User(emailB, active: false)), HttpStatusCode.NotFound);
        await ScimAssert.ErrorAsync(await _a.DeleteAsync($"/scim/v2/Users/{idB}"), HttpStatusCode.NotFound);

        Assert.DoesNotContain(emailB, list.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(0, filtered.GetProperty("totalResults").GetInt32());
        Assert.True((await ScimAssert.ResourceAsync(await _b.GetAsync($"/scim/v2/Users/{idB}"), HttpStatusCode.OK)).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Discovery_DescribesWhatIsSupported()
    {
        var config = await ScimAssert.ResourceAsync(await _a.GetAsync("/scim/v2/ServiceProviderConfig"), HttpStatusCode.OK);
        var schemas = await ScimAssert.ResourceAsync(await _a.GetAsync("/scim/v2/Schemas"), HttpStatusCode.OK);
        var types = await ScimAssert.ResourceAsync(await _a.GetAsync("/scim/v2/ResourceTypes"), HttpStatusCode.OK);
        var unknown = await _a.GetAsync("/scim/v2/Groups");

        Assert.True(config.GetProperty("patch").GetProperty("supported").GetBoolean());
        Assert.False(config.GetProperty("bulk").GetProperty("supported").GetBoolean());
        Assert.Equal(200, config.GetProperty("filter").GetProperty("maxResults").GetInt32());
        Assert.Equal("oauthbearertoken", config.GetProperty("authenticationSchemes")[0].GetProperty("type").GetString());
        var userSchema = schemas.GetProperty("Resources")[0];
        Assert.Equal("urn:ietf:params:scim:schemas:core:2.0:User", userSchema.GetProperty("id").GetString());
        Assert.Contains(userSchema.GetProperty("attributes").EnumerateArray(), a => a.GetProperty("name").GetString() == "userName" && a.GetProperty("uniqueness").GetString() == "server");
        Assert.Equal("/Users", types.GetProperty("Resources")[0].GetProperty("endpoint").GetString());
        await ScimAssert.ErrorAsync(unknown, HttpStatusCode.NotFound);
    }

    private static string Unique() => Guid.NewGuid().ToString("N")[..10];

    private static async Task<string> MintAsync(PortalBrowser admin) =>
        (await HttpAssert.JsonAsync(await admin.PostAsync("/api/v1/portal/scim-tokens", new { label = "IdP" }), HttpStatusCode.Created)).GetProperty("token").GetString()!;

    private static async Task<(string Id, string Email, string ExternalId)> CreateAsync(ScimClient client)
    {
        var email = $"user-{Unique()}@example.test";
        var externalId = "ext-" + Unique();
        var created = await ScimAssert.ResourceAsync(await client.PostAsync("/scim/v2/Users", ScimClient.User(email, externalId)), HttpStatusCode.Created);
        return (created.GetProperty("id").GetString()!, email, externalId);
    }
}
