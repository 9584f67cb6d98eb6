using System.Net;
using System.Text.Json;
using AxonFlow.Core.Identity;
using AxonFlow.Core.Portal;
using AxonFlow.IntegrationTests.Governance;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Server.Portal.Sso;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace AxonFlow.IntegrationTests.Portal;

/// <summary>The session-authenticated portal API: usage analytics, reused governance handlers, SSO validation, SCIM tokens, roles.</summary>
public sealed class PortalApiTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 10, 9, 0, 0, TimeSpan.Zero));
    private AxonFlowTestServer _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await AxonFlowTestServer.StartAsync(fixture.Database, s => s with { Mode = DeploymentMode.Saas }, _time);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Usage_CountsRequestsBlocksTokensAndCostPerDayAndPerClient()
    {
        const string org = "usage-org";
        await PortalSeed.OrganizationAsync(fixture.Database, org);
        await SeedAuditAsync(org, "app-1", "2026-12-01T10:00:00Z", "allowed", 100, 0.5m);
        await SeedAuditAsync(org, "app-1", "2026-12-01T23:59:59Z", "blocked", 0, null);
        await SeedAuditAsync(org, "app-2", "2026-12-03T00:00:00Z", "redacted", 50, 0.25m);
        await SeedAuditAsync(org, "app-2", "2026-11-30T23:59:59Z", "allowed", 999, 9m);
        await SeedAuditAsync("usage-other-org", "app-1", "2026-12-02T10:00:00Z", "allowed", 7000, 70m);
        using var browser = await PortalSeed.SignedInAsync(_server, org, "usage@example.test");

        var json = await HttpAssert.JsonAsync(await browser.GetAsync("/api/v1/portal/usage?from=2026-12-01&to=2026-12-03"), HttpStatusCode.OK);

        var totals = json.GetProperty("totals");
        Assert.Equal(org, json.GetProperty("org_id").GetString());
        Assert.Equal(3, totals.GetProperty("requests").GetInt64());
        Assert.Equal(1, totals.GetProperty("blocked").GetInt64());
        Assert.Equal(150, totals.GetProperty("tokens").GetInt64());
        Assert.Equal(0.75m, totals.GetProperty("cost_usd").GetDecimal());
        var daily = json.GetProperty("days").EnumerateArray().Select(d => (d.GetProperty("date").GetString(), d.GetProperty("requests").GetInt64())).ToList();
        Assert.Equal([("2026-12-01", 2L), ("2026-12-02", 0L), ("2026-12-03", 1L)], daily);
        var clients = json.GetProperty("clients").EnumerateArray().Select(c => (c.GetProperty("client_id").GetString(), c.GetProperty("requests").GetInt64(), c.GetProperty("blocked").GetInt64())).ToList();
        Assert.Equal([("app-1", 2L, 1L), ("app-2", 1L, 0L)], clients);
    }

    [Fact]
    public async Task Usage_WithoutARange_CoversTheLast30Days()
    {
        using var browser = await PortalSeed.SignedInAsync(_server, await NewOrgAsync("usage-default"), "usage-default@example.test");

        var json = await HttpAssert.JsonAsync(await browser.GetAsync("/api/v1/portal/usage"), HttpStatusCode.OK);

        Assert.Equal("2026-11-11", json.GetProperty("from").GetString());
        Assert.Equal("2026-12-10", json.GetProperty("to").GetString());
        Assert.Equal(30, json.GetProperty("days").GetArrayLength());
    }

    [Theory]
    [InlineData("from=2026-13-01", "from must be a date (YYYY-MM-DD), but was '2026-13-01'")]
    [InlineData("to=yesterday", "to must be a date (YYYY-MM-DD), but was 'yesterday'")]
    [InlineData("from=2026-12-05&to=2026-12-01", "from must not be after to")]
    [InlineData("from=2024-01-01&to=2026-01-01", "the range must span at most 366 days")]
    public async Task Usage_BadQuery_Is400(string query, string message)
    {
        using var browser = await PortalSeed.SignedInAsync(_server, await NewOrgAsync("usage-bad"), $"usage-bad-{Guid.NewGuid():N}@example.test");

        var json = await HttpAssert.ErrorAsync(await browser.GetAsync("/api/v1/portal/usage?" + query), HttpStatusCode.BadRequest, "invalid_request");

        Assert.Equal(message, json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ApiKeys_IssuedInThePortal_AuthenticateAsTheSessionsOrg_UntilRevoked()
    {
        var org = await NewOrgAsync("apikey-org");
        using var admin = await PortalSeed.SignedInAsync(_server, org, "keys-admin@example.test", PortalRole.Admin);

        var issued = await HttpAssert.JsonAsync(await admin.PostAsync("/api/v1/portal/api-keys", new { client_id = "portal-issued-app", label = "prod" }), HttpStatusCode.Created);
        var secret = issued.GetProperty("client_secret").GetString()!;
        var identity = await HttpAssert.JsonAsync(await new GovernanceClient(_server, "portal-issued-app", secret).GetAsync("/api/v1/identity"), HttpStatusCode.OK);
        var list = await HttpAssert.JsonAsync(await admin.GetAsync("/api/v1/portal/api-keys"), HttpStatusCode.OK);
        var revoked = await HttpAssert.JsonAsync(await admin.DeleteAsync("/api/v1/portal/api-keys/portal-issued-app"), HttpStatusCode.OK);
        var afterRevoke = await new GovernanceClient(_server, "portal-issued-app", secret).GetAsync("/api/v1/identity");

        Assert.Equal(org, identity.GetProperty("org_id").GetString());
        Assert.Equal("portal-issued-app", list.GetProperty("credentials")[0].GetProperty("client_id").GetString());
        Assert.DoesNotContain(secret, list.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("revoked", revoked.GetProperty("status").GetString());
        await HttpAssert.ErrorAsync(afterRevoke, HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal(2L, await PortalSeed.CountAsync(
            fixture.Database,
            "SELECT count(*) FROM agent_audit_logs WHERE org_id = $1 AND details->>'actor_type' = 'portal_user' AND details->>'actor_id' = 'portal:keys-admin@example.test'",
            org));
    }

    [Fact]
    public async Task ApiKeys_RotateInThePortal_GivesANewSecretAndEndsTheOldOne()
    {
        var org = await NewOrgAsync("apikey-rotate-org");
        using var admin = await PortalSeed.SignedInAsync(_server, org, "rotate-admin@example.test", PortalRole.Admin);
        var first = (await HttpAssert.JsonAsync(await admin.PostAsync("/api/v1/portal/api-keys", new { client_id = "portal-rotated-app" }), HttpStatusCode.Created)).GetProperty("client_secret").GetString()!;

        var rotated = await HttpAssert.JsonAsync(await admin.PostAsync("/api/v1/portal/api-keys/portal-rotated-app/rotate", new { }), HttpStatusCode.OK);
        var second = rotated.GetProperty("client_secret").GetString()!;

        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.OK, (await new GovernanceClient(_server, "portal-rotated-app", second).GetAsync("/api/v1/identity")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await new GovernanceClient(_server, "portal-rotated-app", first).GetAsync("/api/v1/identity")).StatusCode);
        await HttpAssert.ErrorAsync(await admin.PostAsync("/api/v1/portal/api-keys/no-such-app/rotate", new { }), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task ApiKeys_AMember_MayListButNotIssueRotateOrRevoke()
    {
        var org = await NewOrgAsync("apikey-member-org");
        using var member = await PortalSeed.SignedInAsync(_server, org, "keys-member@example.test", PortalRole.Member);

        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/api/v1/portal/api-keys")).StatusCode);
        await HttpAssert.ErrorAsync(await member.PostAsync("/api/v1/portal/api-keys", new { label = "x" }), HttpStatusCode.Forbidden, "forbidden");
        await HttpAssert.ErrorAsync(await member.PostAsync("/api/v1/portal/api-keys/any/rotate", new { }), HttpStatusCode.Forbidden, "forbidden");
        await HttpAssert.ErrorAsync(await member.DeleteAsync("/api/v1/portal/api-keys/any"), HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(0L, await PortalSeed.CountAsync(fixture.Database, "SELECT count(*) FROM api_keys WHERE org_id = $1", org));
    }

    [Fact]
    public async Task Policies_CreatedInThePortal_AreTheOrgsPolicies_SeenByTheSdkRoutes()
    {
        var org = await NewOrgAsync("policy-org");
        using var browser = await PortalSeed.SignedInAsync(_server, org, "policy@example.test");
        var credential = await _server.IssueCredentialAsync(org, "policy-sdk-app");

        var created = await HttpAssert.JsonAsync(
            await browser.PostAsync("/api/v1/portal/policies/static", new { policy_id = "portal_codename", name = "Codename", category = "sensitive-data", pattern = "bluebird", action = "block" }),
            HttpStatusCode.Created);
        var viaSdk = await new GovernanceClient(_server, "policy-sdk-app", credential.Secret).GetAsync("/api/v1/static-policies/portal_codename");
        var versions = await HttpAssert.JsonAsync(await browser.GetAsync("/api/v1/portal/policies/static/portal_codename/versions"), HttpStatusCode.OK);
        var overridden = await browser.PostAsync("/api/v1/portal/policies/overrides", new { policy_id = "portal_codename", action_override = "warn", override_reason = "portal test" });

        Assert.Equal("portal_codename", created.GetProperty("policy_id").GetString());
        Assert.Equal(HttpStatusCode.OK, viaSdk.StatusCode);
        Assert.Contains("portal:policy@example.test", versions.GetRawText(), StringComparison.Ordinal);
        Assert.True(overridden.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await overridden.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task Audit_SearchAndExportInThePortal_ReadTheOrgsTrail()
    {
        var org = await NewOrgAsync("audit-portal-org");
        await SeedAuditAsync(org, "audit-app", "2026-12-09T10:00:00Z", "blocked", 10, 0.1m);
        await SeedAuditAsync("audit-portal-other", "audit-app", "2026-12-09T10:00:00Z", "blocked", 10, 0.1m);
        using var browser = await PortalSeed.SignedInAsync(_server, org, "audit@example.test");

        var search = await HttpAssert.JsonAsync(await browser.PostAsync("/api/v1/portal/audit/search", new { decision = "blocked" }), HttpStatusCode.OK);
        var export = await browser.GetAsync("/api/v1/portal/audit/export?format=csv");

        Assert.Equal(1, search.GetProperty("total").GetInt64());
        Assert.Equal(org, search.GetProperty("entries")[0].GetProperty("org_id").GetString());
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(2, (await export.Content.ReadAsStringAsync(Token)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Users_ListsTheOrgsPortalUsers()
    {
        var org = await NewOrgAsync("users-org");
        await PortalSeed.UserAsync(_server, org, "second@example.test");
        using var browser = await PortalSeed.SignedInAsync(_server, org, "first@example.test", PortalRole.Admin);

        var json = await HttpAssert.JsonAsync(await browser.GetAsync("/api/v1/portal/users"), HttpStatusCode.OK);

        Assert.Equal(2, json.GetProperty("total").GetInt64());
        Assert.Equal(["first@example.test", "second@example.test"], json.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("email").GetString()).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("password", json.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Sso_SamlFromMetadata_IsValidatedStoredAndReturned()
    {
        using var browser = await AdminAsync("sso-saml");
        var pem = TestCertificates.Pem(_time.GetUtcNow().AddDays(-1), _time.GetUtcNow().AddYears(1));
        var metadata = TestCertificates.Metadata("https://idp.example.test/entity", "https://idp.example.test/sso", pem);

        var saved = await HttpAssert.JsonAsync(await browser.PutAsync("/api/v1/portal/sso", new { protocol = "saml", saml = new { metadata_xml = metadata } }), HttpStatusCode.OK);
        var read = await HttpAssert.JsonAsync(await browser.GetAsync("/api/v1/portal/sso"), HttpStatusCode.OK);

        Assert.Equal(saved.GetRawText(), read.GetRawText());
        Assert.True(read.GetProperty("configured").GetBoolean());
        Assert.Equal("saml", read.GetProperty("protocol").GetString());
        var saml = read.GetProperty("saml");
        Assert.Equal("https://idp.example.test/entity", saml.GetProperty("entity_id").GetString());
        Assert.Equal("https://idp.example.test/sso", saml.GetProperty("sso_url").GetString());
        Assert.Equal("CN=idp.example.test", saml.GetProperty("certificate").GetProperty("subject").GetString());
        Assert.Equal(64, saml.GetProperty("certificate").GetProperty("sha256_thumbprint").GetString()!.Length);
    }

    [Fact]
    public async Task Sso_Oidc_StoresTheClientSecretEncryptedAndNeverReturnsIt()
    {
        var org = await NewOrgAsync("sso-oidc");
        using var browser = await PortalSeed.SignedInAsync(_server, org, "oidc-admin@example.test", PortalRole.Admin);
        const string secret = "oidc-client-secret-value-0123456789";

        var saved = await HttpAssert.JsonAsync(
            await browser.PutAsync("/api/v1/portal/sso", new { protocol = "oidc", oidc = new { issuer = "https://login.example.test/tenant", client_id = "axonflow-portal", client_secret = secret } }),
            HttpStatusCode.OK);
        var updated = await HttpAssert.JsonAsync(
            await browser.PutAsync("/api/v1/portal/sso", new { protocol = "oidc", enabled = false, oidc = new { issuer = "https://login.example.test/tenant", client_id = "axonflow-portal-2" } }),
            HttpStatusCode.OK);

        Assert.DoesNotContain(secret, saved.GetRawText(), StringComparison.Ordinal);
        Assert.True(saved.GetProperty("oidc").GetProperty("client_secret_set").GetBoolean());
        Assert.Equal(["openid", "email", "profile"], saved.GetProperty("oidc").GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("axonflow-portal-2", updated.GetProperty("oidc").GetProperty("client_id").GetString());
        Assert.False(updated.GetProperty("enabled").GetBoolean());
        Assert.Equal(0L, await PortalSeed.CountAsync(fixture.Database, "SELECT count(*) FROM portal_sso_settings WHERE position(convert_to($1, 'UTF8') IN client_secret_cipher) > 0 OR config::text LIKE '%' || $1 || '%'", secret));
        Assert.Equal(secret, await _server.Services.GetRequiredService<SsoSettingsService>().RevealClientSecretAsync(OrgId.Create(org), Token));
    }

    [Theory]
    [InlineData("""{"protocol":"ldap"}""", "protocol must be saml or oidc")]
    [InlineData("""{"protocol":"saml","saml":{"sso_url":"https://idp.example.test/sso","certificate":"CERT"}}""", "saml.entity_id is required")]
    [InlineData("""{"protocol":"saml","saml":{"entity_id":"urn:idp","sso_url":"http://idp.example.test/sso","certificate":"CERT"}}""", "saml.sso_url must be an absolute https URL")]
    [InlineData("""{"protocol":"saml","saml":{"entity_id":"urn:idp","sso_url":"https://idp.example.test/sso","certificate":"bm90IGEgY2VydA=="}}""", "saml.certificate must be an X.509 certificate (PEM or base64 DER)")]
    [InlineData("""{"protocol":"saml","saml":{"metadata_xml":"<md:EntityDescriptor"}}""", "saml.metadata_xml is not well-formed XML")]
    [InlineData("""{"protocol":"saml","saml":{"metadata_xml":"<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>"}}""", "saml.metadata_xml is not well-formed XML")]
    [InlineData("""{"protocol":"saml","saml":{"entity_id":"urn:idp","sso_url":"https://idp.example.test/sso","certificate":"CERT","metadata_url":"ftp://idp.example.test/md"}}""", "saml.metadata_url must be an absolute https URL")]
    [InlineData("""{"protocol":"oidc","oidc":{"issuer":"http://login.example.test","client_id":"c","client_secret":"s"}}""", "oidc.issuer must be an absolute https URL")]
    [InlineData("""{"protocol":"oidc","oidc":{"issuer":"https://login.example.test?x=1","client_id":"c","client_secret":"s"}}""", "oidc.issuer must not have a query or fragment")]
    [InlineData("""{"protocol":"oidc","oidc":{"issuer":"https://login.example.test","client_secret":"s"}}""", "oidc.client_id is required")]
    [InlineData("""{"protocol":"oidc","oidc":{"issuer":"https://login.example.test","client_id":"c"}}""", "oidc.client_secret is required")]
    [InlineData("""{"protocol":"oidc","oidc":{"issuer":"https://login.example.test","client_id":"c","client_secret":"s","scopes":["email"]}}""", "oidc.scopes must include openid")]
    public async Task Sso_InvalidSettings_Are400NamingTheField(string body, string messageStart)
    {
        using var browser = await AdminAsync("sso-bad-" + Guid.NewGuid().ToString("N")[..8]);
        var pem = TestCertificates.Pem(_time.GetUtcNow().AddDays(-1), _time.GetUtcNow().AddYears(1));

        var response = await browser.SendJsonAsync(HttpMethod.Put, "/api/v1/portal/sso", body.Replace("CERT", JsonEncodedText.Encode(pem).ToString(), StringComparison.Ordinal));

        var json = await HttpAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
        Assert.StartsWith(messageStart, json.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.False((await HttpAssert.JsonAsync(await browser.GetAsync("/api/v1/portal/sso"), HttpStatusCode.OK)).GetProperty("configured").GetBoolean());
    }

    [Fact]
    public async Task Sso_ExpiredSigningCertificate_Is400()
    {
        using var browser = await AdminAsync("sso-expired");
        var pem = TestCertificates.Pem(_time.GetUtcNow().AddYears(-2), _time.GetUtcNow().AddDays(-1));

        var response = await browser.PutAsync("/api/v1/portal/sso", new { protocol = "saml", saml = new { entity_id = "urn:idp", sso_url = "https://idp.example.test/sso", certificate = pem } });

        var json = await HttpAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
        Assert.StartsWith("saml.certificate expired on", json.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScimTokens_AreShownOnceListedByPrefixAndRevocable()
    {
        using var browser = await AdminAsync("scim-token-org");

        var issued = await HttpAssert.JsonAsync(await browser.PostAsync("/api/v1/portal/scim-tokens", new { label = "Okta" }), HttpStatusCode.Created);
        var token = issued.GetProperty("token").GetString()!;
        var id = issued.GetProperty("id").GetGuid();
        var list = await HttpAssert.JsonAsync(await browser.GetAsync("/api/v1/portal/scim-tokens"), HttpStatusCode.OK);
        var revoked = await browser.DeleteAsync($"/api/v1/portal/scim-tokens/{id}");
        var after = await HttpAssert.JsonAsync(await browser.GetAsync("/api/v1/portal/scim-tokens"), HttpStatusCode.OK);
        var unknown = await browser.DeleteAsync($"/api/v1/portal/scim-tokens/{Guid.NewGuid()}");

        Assert.StartsWith("axscim_", token, StringComparison.Ordinal);
        Assert.DoesNotContain(token, list.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(token[..12], list.GetProperty("tokens")[0].GetProperty("prefix").GetString());
        Assert.Equal("Okta", list.GetProperty("tokens")[0].GetProperty("label").GetString());
        Assert.True(list.GetProperty("tokens")[0].GetProperty("active").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.False(after.GetProperty("tokens")[0].GetProperty("active").GetBoolean());
        await HttpAssert.ErrorAsync(unknown, HttpStatusCode.NotFound, "not_found");
        Assert.Equal(0L, await PortalSeed.CountAsync(fixture.Database, "SELECT count(*) FROM scim_tokens WHERE position(convert_to($1, 'UTF8') IN token_hash) > 0", token));
    }

    [Theory]
    [InlineData("GET", "/api/v1/portal/sso")]
    [InlineData("PUT", "/api/v1/portal/sso")]
    [InlineData("DELETE", "/api/v1/portal/sso")]
    [InlineData("GET", "/api/v1/portal/scim-tokens")]
    [InlineData("POST", "/api/v1/portal/scim-tokens")]
    public async Task AdminOnlyRoutes_ForAMember_Are403(string method, string path)
    {
        using var browser = await PortalSeed.SignedInAsync(_server, await NewOrgAsync("member-org"), $"member-{Guid.NewGuid():N}@example.test", PortalRole.Member);

        await HttpAssert.ErrorAsync(await browser.SendJsonAsync(new HttpMethod(method), path, """{"protocol":"oidc"}"""), HttpStatusCode.Forbidden, "forbidden");
    }

    private async Task<PortalBrowser> AdminAsync(string org) =>
        await PortalSeed.SignedInAsync(_server, await NewOrgAsync(org), $"admin-{org}@example.test", PortalRole.Admin);

    private async Task<string> NewOrgAsync(string org)
    {
        await PortalSeed.OrganizationAsync(fixture.Database, org);
        return org;
    }

    private async Task SeedAuditAsync(string org, string client, string timestamp, string decision, int tokens, decimal? cost)
    {
        await using var owner = fixture.Database.CreateOwnerDataSource();
        await using var insert = owner.CreateCommand(
            "INSERT INTO audit_logs (org_id, client_id, tenant_id, request_id, \"timestamp\", request_type, policy_decision, tokens_used, cost) VALUES ($1, $2, $2, 'r', $3, 'llm_chat', $4, $5, $6)");
        insert.Parameters.Add(new NpgsqlParameter { Value = org });
        insert.Parameters.Add(new NpgsqlParameter { Value = client });
        insert.Parameters.Add(new NpgsqlParameter { Value = DateTimeOffset.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture) });
        insert.Parameters.Add(new NpgsqlParameter { Value = decision });
        insert.Parameters.Add(new NpgsqlParameter { Value = tokens });
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)cost ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Numeric });
        await insert.ExecuteNonQueryAsync(Token);
    }
}
