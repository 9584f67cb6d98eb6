using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AxonFlow.Core.Identity;
using AxonFlow.IntegrationTests.Infrastructure;

namespace AxonFlow.IntegrationTests.Surfaces;

/// <summary>
/// The seed 002 quick matrix, walked end to end on one server: for every surface the credential model it expects
/// succeeds, and every other credential model (Basic where a cookie is expected, a cookie where a bearer is expected, the
/// admin key on the portal, …) is refused with 401/403 and a JSON error. Run in <c>saas</c> mode (an admin-issued Basic
/// credential) and in <c>community-saas</c> mode, where the governed surfaces' Basic credential is a tenant's from
/// <c>POST /api/v1/register</c> and registration is a surface of its own.
/// </summary>
public sealed class SurfaceMatrixTests(DatabaseFixture fixture) : SurfaceMatrix(fixture, DeploymentMode.Saas)
{
    [Fact]
    public async Task Registration_DoesNotExistOutsideCommunitySaas_ForAnyCredentialModel()
    {
        foreach (var model in Models)
        {
            using var response = await SendAsync("POST", RegisterPath, "{}", model);

            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"register with {model}: {(int)response.StatusCode}");
        }
    }
}

/// <summary>The matrix in community-saas mode: a registered tenant's Basic credential is the governed surfaces' model.</summary>
public sealed class CommunitySaasSurfaceMatrixTests(DatabaseFixture fixture) : SurfaceMatrix(fixture, DeploymentMode.CommunitySaas)
{
    [Fact]
    public async Task Registration_NeedsNoCredential_AndNoCredentialModelBindsIt()
    {
        foreach (var model in Models)
        {
            using var response = await SendAsync("POST", RegisterPath, "{}", model);

            var json = await ExpectAsync(response, HttpStatusCode.Created);
            var tenantId = json.GetProperty("tenant_id").GetString();
            Assert.NotEqual(RegisteredTenantId, tenantId);
            Assert.NotEqual(Org, tenantId);
        }
    }

    [Fact]
    public async Task RegisteredTenantBasic_IsItsOwnOrg_OnTheGovernedSurfaces()
    {
        using var response = await SendAsync("GET", "/api/v1/identity", null, Credential.Registered);

        var json = await ExpectAsync(response, HttpStatusCode.OK);
        Assert.Equal(RegisteredTenantId, json.GetProperty("org_id").GetString());
        Assert.Equal(RegisteredTenantId, json.GetProperty("client_id").GetString());
    }
}

/// <summary>The matrix itself; each mode's class starts its own server and puts every credential in place through the product.</summary>
public abstract class SurfaceMatrix(DatabaseFixture fixture, DeploymentMode mode) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    protected const string RegisterPath = "/api/v1/register";

    private const string AdminKey = "surface-matrix-admin-key-0123456789";
    private const string PortalPassword = "matrix portal password 42";

    // xunit makes one instance per test and the database is per class, so every test brings its own org and users.
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..12];

    private AxonFlowTestServer _server = null!;
    private CookieContainer _cookies = null!;
    private string _clientId = null!;
    private string _clientSecret = null!;
    private string _scimToken = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    protected string Org => $"matrix-{_suffix}";

    /// <summary>The tenant registered through POST /api/v1/register (community-saas only).</summary>
    protected string? RegisteredTenantId { get; private set; }

    /// <summary>The credential models of this mode: Basic is an admin-issued credential in saas, a registered tenant's in community-saas.</summary>
    protected Credential[] Models => [Credential.None, GovernedBasic, Credential.Cookie, Credential.Bearer, Credential.AdminKey];

    private Credential GovernedBasic => mode == DeploymentMode.CommunitySaas ? Credential.Registered : Credential.Basic;

    private string PortalEmail => $"owner-{_suffix}@matrix.example";

    /// <summary>The surfaces of seed 002's matrix with one representative request each, and the credential it expects.</summary>
    public static TheoryData<string, string, string, string?, Credential> Surfaces => new()
    {
        { "agent request path", "POST", "/api/request", """{"query":"What is the weather today?","request_type":"chat"}""", Credential.Basic },
        { "gateway pre-check", "POST", "/api/policy/pre-check", """{"query":"What is the weather today?"}""", Credential.Basic },
        { "orchestrator-style API", "POST", "/api/v1/audit/search", """{"limit":5}""", Credential.Basic },
        { "orchestrator-style API (policies)", "GET", "/api/v1/static-policies", null, Credential.Basic },
        { "MCP standalone check", "POST", "/api/v1/mcp/check-input", """{"query":"SELECT name FROM customers","connector_type":"postgres"}""", Credential.Basic },
        { "customer portal", "GET", "/api/v1/auth/me", null, Credential.Cookie },
        { "customer portal (usage)", "GET", "/api/v1/portal/usage", null, Credential.Cookie },
        { "SCIM provisioning", "GET", "/scim/v2/Users", null, Credential.Bearer },
        { "admin organization API", "GET", "/api/v1/admin/organizations", null, Credential.AdminKey },
    };

    public async ValueTask InitializeAsync()
    {
        _server = await AxonFlowTestServer.StartAsync(
            fixture.Database,
            settings => settings with
            {
                Mode = mode,
                DeploymentOrg = OrgId.Create(Org),
                DeploymentOrgConfigured = true,
                AdminApiKey = AdminKey,
                EnabledWorkers = new HashSet<Core.Isolation.AdminPoolWorker>(),
                CommunitySaas = settings.CommunitySaas with { RegistrationsPerIpPerHour = 100 },
            });

        // Everything is put in place through the product's own surfaces: admin key → org, credential, portal user;
        // portal session → SCIM token.
        using var admin = new HttpClient { BaseAddress = _server.Client.BaseAddress };
        admin.DefaultRequestHeaders.Add("X-Admin-API-Key", AdminKey);
        await ExpectAsync(await admin.PostAsync("/api/v1/admin/organizations", Json(new { org_id = Org, name = "Matrix" }), Token), HttpStatusCode.Created);
        if (mode == DeploymentMode.CommunitySaas)
        {
            // The customer's own path: no operator involved, the tenant is its own org.
            var registered = await ExpectAsync(await _server.Client.PostAsync(RegisterPath, Json(new { label = "matrix tenant" }), Token), HttpStatusCode.Created);
            (_clientId, _clientSecret) = (registered.GetProperty("tenant_id").GetString()!, registered.GetProperty("secret").GetString()!);
            RegisteredTenantId = _clientId;
        }
        else
        {
            var credential = await ExpectAsync(await admin.PostAsync($"/api/v1/admin/organizations/{Org}/credentials", Json(new { client_id = $"matrix-app-{_suffix}" }), Token), HttpStatusCode.Created);
            (_clientId, _clientSecret) = (credential.GetProperty("client_id").GetString()!, credential.GetProperty("client_secret").GetString()!);
        }
        await ExpectAsync(
            await admin.PostAsync($"/api/v1/admin/organizations/{Org}/portal-users", Json(new { email = PortalEmail, role = "admin", password = PortalPassword }), Token),
            HttpStatusCode.Created);

        _cookies = new CookieContainer();
        using var browser = Browser();
        await ExpectAsync(await browser.PostAsync("/api/v1/auth/login", Json(new { email = PortalEmail, password = PortalPassword }), Token), HttpStatusCode.OK);
        var minted = await ExpectAsync(await browser.PostAsync("/api/v1/portal/scim-tokens", Json(new { label = "matrix idp" }), Token), HttpStatusCode.Created);
        _scimToken = minted.GetProperty("token").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Theory]
    [MemberData(nameof(Surfaces), MemberType = typeof(SurfaceMatrix))]
    public async Task ExpectedCredential_IsAccepted(string surface, string method, string path, string? body, Credential expected)
    {
        expected = InThisMode(expected);
        using var response = await SendAsync(method, path, body, expected);

        Assert.True(response.IsSuccessStatusCode, $"{surface} with {expected}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Token)}");
    }

    [Theory]
    [MemberData(nameof(Surfaces), MemberType = typeof(SurfaceMatrix))]
    public async Task EveryOtherCredentialModel_IsRefusedWithAJsonError(string surface, string method, string path, string? body, Credential expected)
    {
        expected = InThisMode(expected);
        foreach (var wrong in Models.Where(model => model != expected))
        {
            using var response = await SendAsync(method, path, body, wrong);

            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync(Token);
            Assert.True(status is 401 or 403, $"{surface} with {wrong} instead of {expected}: {status} {text}");
            Assert.Contains("json", response.Content.Headers.ContentType?.MediaType ?? string.Empty, StringComparison.Ordinal);
            using var json = JsonDocument.Parse(text);
            Assert.True(
                json.RootElement.TryGetProperty("error", out _) || json.RootElement.TryGetProperty("detail", out _),
                $"{surface} with {wrong}: no error in {text}");
        }
    }

    [Fact]
    public async Task WrongSecretOnABasicSurface_AndForgedSessionAndToken_AreRefused()
    {
        using var badBasic = await SendAsync("POST", "/api/request", """{"query":"hi","request_type":"chat"}""", GovernedBasic, secret: _clientSecret + "x");
        using var forgedCookie = await SendRawAsync("GET", "/api/v1/auth/me", null, request => request.Headers.Add("Cookie", "axonflow_session=forged-session-token"));
        using var forgedBearer = await SendRawAsync("GET", "/scim/v2/Users", null, request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "forged-token"));
        using var wrongAdmin = await SendRawAsync("GET", "/api/v1/admin/organizations", null, request => request.Headers.Add("X-Admin-API-Key", AdminKey + "x"));

        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized],
            [badBasic.StatusCode, forgedCookie.StatusCode, forgedBearer.StatusCode, wrongAdmin.StatusCode]);
    }

    /// <summary>The table names Basic for the governed surfaces; in community-saas that Basic credential is a registered tenant's.</summary>
    private Credential InThisMode(Credential expected) => expected == Credential.Basic ? GovernedBasic : expected;

    protected Task<HttpResponseMessage> SendAsync(string method, string path, string? body, Credential credential, string? secret = null) =>
        credential == Credential.Cookie
            ? SendWithCookieAsync(method, path, body)
            : SendRawAsync(method, path, body, request =>
            {
                switch (credential)
                {
                    case Credential.Basic or Credential.Registered:
                        request.Headers.Authorization = AxonFlowTestServer.Basic(_clientId, secret ?? _clientSecret);
                        break;
                    case Credential.Bearer:
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _scimToken);
                        break;
                    case Credential.AdminKey:
                        request.Headers.Add("X-Admin-API-Key", AdminKey);
                        break;
                }
            });

    private async Task<HttpResponseMessage> SendWithCookieAsync(string method, string path, string? body)
    {
        using var browser = Browser();
        using var request = Request(method, path, body);
        return await browser.SendAsync(request, Token);
    }

    private async Task<HttpResponseMessage> SendRawAsync(string method, string path, string? body, Action<HttpRequestMessage> authenticate)
    {
        using var request = Request(method, path, body);
        authenticate(request);
        return await _server.Client.SendAsync(request, Token);
    }

    private HttpClient Browser() =>
        new(new HttpClientHandler { CookieContainer = _cookies, UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = _server.Client.BaseAddress };

    private static HttpRequestMessage Request(string method, string path, string? body) => new(new HttpMethod(method), path)
    {
        Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"),
    };

    private static StringContent Json(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    protected static async Task<JsonElement> ExpectAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(Token);
            Assert.True(response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
            using var json = JsonDocument.Parse(text);
            return json.RootElement.Clone();
        }
    }
}

/// <summary>The credential models of seed 002, plus a Community SaaS tenant's Basic credential from POST /api/v1/register.</summary>
public enum Credential
{
    None,
    Basic,
    Cookie,
    Bearer,
    AdminKey,
    Registered,
}
