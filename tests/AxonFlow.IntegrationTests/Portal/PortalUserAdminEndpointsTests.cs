using System.Net;
using System.Text;
using System.Text.Json;
using AxonFlow.Core.Credentials;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Postgres.OrgScoping;
using AxonFlow.Postgres.Portal;
using AxonFlow.Server.Portal.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace AxonFlow.IntegrationTests.Portal;

/// <summary>
/// The admin-side portal-user creation handler, mapped on a bare group over real Kestrel and PostgreSQL (the admin API
/// maps it behind its <c>X-Admin-API-Key</c> check), then a real portal login with the password it returned.
/// </summary>
public sealed class PortalUserAdminEndpointsTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_WithoutAPassword_ReturnsAGeneratedOneOnce_ThatLogsIn()
    {
        await PortalSeed.OrganizationAsync(fixture.Database, "admin-made-org");
        await using var host = await BareHostAsync();

        var created = await HttpAssert.JsonAsync(await PostAsync(host, "admin-made-org", """{"email":"made@example.test","role":"admin","display_name":"Made"}"""), HttpStatusCode.Created);
        var password = created.GetProperty("password").GetString()!;

        await using var server = await AxonFlowTestServer.StartAsync(fixture.Database);
        using var browser = PortalBrowser.For(server);
        var login = await HttpAssert.JsonAsync(await browser.LoginAsync("made@example.test", password), HttpStatusCode.OK);
        Assert.Equal("admin", login.GetProperty("user").GetProperty("role").GetString());
        Assert.Equal("admin-made-org", created.GetProperty("org_id").GetString());
    }

    [Fact]
    public async Task Create_WithAPassword_DoesNotEchoIt()
    {
        await PortalSeed.OrganizationAsync(fixture.Database, "admin-made-org-2");
        await using var host = await BareHostAsync();

        var created = await HttpAssert.JsonAsync(await PostAsync(host, "admin-made-org-2", """{"email":"chosen@example.test","password":"a chosen passphrase"}"""), HttpStatusCode.Created);

        Assert.Equal(JsonValueKind.Null, created.GetProperty("password").ValueKind);
        Assert.Equal("member", created.GetProperty("role").GetString());
    }

    [Theory]
    [InlineData("unknown-org", """{"email":"x1@example.test"}""", HttpStatusCode.NotFound, "not_found")]
    [InlineData("admin-made-org-3", """{"email":"nope"}""", HttpStatusCode.BadRequest, "invalid_request")]
    [InlineData("admin-made-org-3", """{"email":"x2@example.test","role":"owner"}""", HttpStatusCode.BadRequest, "invalid_request")]
    [InlineData("admin-made-org-3", """{"email":"x3@example.test","password":"short"}""", HttpStatusCode.BadRequest, "invalid_request")]
    [InlineData("has space", """{"email":"x4@example.test"}""", HttpStatusCode.BadRequest, "invalid_request")]
    public async Task Create_Refusals_NameTheProblemAndWriteNothing(string org, string body, HttpStatusCode status, string reason)
    {
        await PortalSeed.OrganizationAsync(fixture.Database, "admin-made-org-3");
        await using var host = await BareHostAsync();

        await HttpAssert.ErrorAsync(await PostAsync(host, org, body), status, reason);
        Assert.Equal(0L, await PortalSeed.CountAsync(fixture.Database, "SELECT count(*) FROM portal_users WHERE email LIKE 'x_@example.test' OR email = 'nope'"));
    }

    [Fact]
    public async Task Create_EmailInUse_Is409()
    {
        await PortalSeed.OrganizationAsync(fixture.Database, "admin-made-org-4");
        await using var host = await BareHostAsync();
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(host, "admin-made-org-4", """{"email":"twice@example.test"}""")).StatusCode);

        await HttpAssert.ErrorAsync(await PostAsync(host, "admin-made-org-4", """{"email":"Twice@example.test"}"""), HttpStatusCode.Conflict, "conflict");
    }

    private async Task<BareHost> BareHostAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.Configure<JsonOptions>(json => json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        var dataSource = fixture.Database.CreateAppDataSource();
        builder.Services.AddSingleton(new PortalUserStore(dataSource, new OrgScope(dataSource), TimeProvider.System));
        builder.Services.AddSingleton(new PasswordHasher());
        var app = builder.Build();
        app.MapGroup("/api/v1/admin").MapPortalUserAdminEndpoints();
        await app.StartAsync(Token);
        return new BareHost(app, dataSource, new HttpClient { BaseAddress = new Uri(app.Urls.First()) });
    }

    private static Task<HttpResponseMessage> PostAsync(BareHost host, string org, string json) =>
        host.Client.PostAsync($"/api/v1/admin/organizations/{Uri.EscapeDataString(org)}/portal-users", new StringContent(json, Encoding.UTF8, "application/json"), Token);

    private sealed class BareHost(WebApplication app, Npgsql.NpgsqlDataSource dataSource, HttpClient client) : IAsyncDisposable
    {
        public HttpClient Client => client;

        public async ValueTask DisposeAsync()
        {
            client.Dispose();
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            await dataSource.DisposeAsync();
        }
    }
}
