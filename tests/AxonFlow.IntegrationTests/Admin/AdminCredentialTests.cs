using System.Net;
using System.Text.Json;
using AxonFlow.Core.Identity;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace AxonFlow.IntegrationTests.Admin;

/// <summary>Client credentials through the admin API: issue once, list without secrets, rotate, revoke, isolation.</summary>
public sealed class AdminCredentialTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly List<string> _secrets = [];
    private AxonFlowTestServer _server = null!;
    private AdminClient _admin = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await AxonFlowTestServer.StartAsync(fixture.Database, s => s with { Mode = DeploymentMode.Saas, AdminApiKey = AdminClient.Key }, _time);
        _admin = new AdminClient(_server);
    }

    public async ValueTask DisposeAsync()
    {
        // Whatever a test did, no secret it saw may have reached a log line or a log scope.
        foreach (var entry in _server.Logs.Entries)
        {
            foreach (var secret in _secrets)
            {
                Assert.DoesNotContain(secret, entry.Message, StringComparison.Ordinal);
                Assert.DoesNotContain(entry.Scope.Values, v => v?.ToString()?.Contains(secret, StringComparison.Ordinal) == true);
            }
        }

        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Issue_Returns201WithTheSecretOnce_AndTheSecretAuthenticates()
    {
        await _admin.CreateOrganizationAsync("cred-issue");

        var response = await _admin.PostAsync("/api/v1/admin/organizations/cred-issue/credentials", new { client_id = "cred-issue-app", label = "prod api" });

        Assert.Equal("/api/v1/admin/organizations/cred-issue/credentials/cred-issue-app", response.Headers.Location?.ToString());
        var issued = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        var secret = Remember(issued.GetProperty("client_secret").GetString()!);
        Assert.StartsWith("axf_", secret, StringComparison.Ordinal);
        Assert.Equal(secret[..12], issued.GetProperty("secret_prefix").GetString());
        Assert.Equal("prod api", issued.GetProperty("label").GetString());
        Assert.Contains("shown only once", issued.GetProperty("notice").GetString(), StringComparison.Ordinal);
        var identity = await HttpAssert.JsonAsync(await _admin.IdentityAsync("cred-issue-app", secret), HttpStatusCode.OK);
        Assert.Equal("cred-issue", identity.GetProperty("org_id").GetString());
        Assert.Equal("cred-issue-app", identity.GetProperty("client_id").GetString());
        Assert.Equal("credential", identity.GetProperty("authenticated_by").GetString());
    }

    [Fact]
    public async Task Issue_WithoutAClientId_GeneratesOne()
    {
        await _admin.CreateOrganizationAsync("cred-generated");

        var (client, secret) = await _admin.IssueAsync("cred-generated");
        Remember(secret);

        Assert.StartsWith("axc_", client, StringComparison.Ordinal);
        Assert.Equal(24, client.Length);
        await HttpAssert.JsonAsync(await _admin.IdentityAsync(client, secret), HttpStatusCode.OK);
    }

    [Fact]
    public async Task ListAndGet_NeverRevealASecret()
    {
        await _admin.CreateOrganizationAsync("cred-list");
        var (_, first) = await _admin.IssueAsync("cred-list", "cred-list-a", "first");
        var (_, second) = await _admin.IssueAsync("cred-list", "cred-list-b", "second");
        Remember(first);
        Remember(second);

        var listResponse = await _admin.GetAsync("/api/v1/admin/organizations/cred-list/credentials");
        var getResponse = await _admin.GetAsync("/api/v1/admin/organizations/cred-list/credentials/cred-list-a");
        var listText = await listResponse.Content.ReadAsStringAsync(Token);
        var getText = await getResponse.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, listResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, getResponse.StatusCode);
        foreach (var text in new[] { listText, getText })
        {
            Assert.DoesNotContain(first, text, StringComparison.Ordinal);
            Assert.DoesNotContain(first[12..], text, StringComparison.Ordinal);
            Assert.DoesNotContain(second[12..], text, StringComparison.Ordinal);
            Assert.DoesNotContain("client_secret", text, StringComparison.Ordinal);
        }

        var credentials = JsonDocument.Parse(listText).RootElement.GetProperty("credentials");
        Assert.Equal(["cred-list-a", "cred-list-b"], credentials.EnumerateArray().Select(c => c.GetProperty("client_id").GetString()));
        var a = credentials[0];
        Assert.Equal(first[..12], a.GetProperty("secret_prefix").GetString());
        Assert.Equal("first", a.GetProperty("label").GetString());
        Assert.Equal("active", a.GetProperty("status").GetString());
        Assert.Equal(1, a.GetProperty("active_secrets").GetInt32());
        Assert.Equal(JsonValueKind.Null, a.GetProperty("rotated_at").ValueKind);
    }

    [Fact]
    public async Task Rotate_WithoutGrace_RetiresTheOldSecretAtOnce()
    {
        await _admin.CreateOrganizationAsync("cred-rotate");
        var (client, old) = await _admin.IssueAsync("cred-rotate", "cred-rotate-app", "rotating");
        Remember(old);

        var rotated = await HttpAssert.JsonAsync(await _admin.PostAsync($"/api/v1/admin/organizations/cred-rotate/credentials/{client}/rotate"), HttpStatusCode.OK);
        var fresh = Remember(rotated.GetProperty("client_secret").GetString()!);

        Assert.NotEqual(old, fresh);
        Assert.Equal("rotating", rotated.GetProperty("label").GetString());
        Assert.Equal(JsonValueKind.Null, rotated.GetProperty("previous_secrets_valid_until").ValueKind);
        await HttpAssert.ErrorAsync(await _admin.IdentityAsync(client, old), HttpStatusCode.Unauthorized, "invalid_credentials");
        await HttpAssert.JsonAsync(await _admin.IdentityAsync(client, fresh), HttpStatusCode.OK);
        var listed = await HttpAssert.JsonAsync(await _admin.GetAsync($"/api/v1/admin/organizations/cred-rotate/credentials/{client}"), HttpStatusCode.OK);
        Assert.Equal(1, listed.GetProperty("active_secrets").GetInt32());
        Assert.Equal(fresh[..12], listed.GetProperty("secret_prefix").GetString());
        Assert.NotEqual(JsonValueKind.Null, listed.GetProperty("rotated_at").ValueKind);
    }

    [Fact]
    public async Task Rotate_WithGrace_KeepsTheOldSecretUntilTheGraceEnds()
    {
        await _admin.CreateOrganizationAsync("cred-grace");
        var (client, old) = await _admin.IssueAsync("cred-grace", "cred-grace-app");
        Remember(old);

        var rotated = await HttpAssert.JsonAsync(
            await _admin.PostAsync($"/api/v1/admin/organizations/cred-grace/credentials/{client}/rotate", new { grace_seconds = 300 }), HttpStatusCode.OK);
        var fresh = Remember(rotated.GetProperty("client_secret").GetString()!);

        Assert.Equal(_time.GetUtcNow().AddSeconds(300), rotated.GetProperty("previous_secrets_valid_until").GetDateTimeOffset());
        await HttpAssert.JsonAsync(await _admin.IdentityAsync(client, old), HttpStatusCode.OK);
        await HttpAssert.JsonAsync(await _admin.IdentityAsync(client, fresh), HttpStatusCode.OK);
        _time.Advance(TimeSpan.FromSeconds(301));
        await HttpAssert.ErrorAsync(await _admin.IdentityAsync(client, old), HttpStatusCode.Unauthorized, "invalid_credentials");
        await HttpAssert.JsonAsync(await _admin.IdentityAsync(client, fresh), HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("DELETE")]
    public async Task Revoke_FailsTheNextRequest_AndIsIdempotent(string method)
    {
        var org = $"cred-revoke-{method.ToLowerInvariant()}";
        await _admin.CreateOrganizationAsync(org);
        var (client, secret) = await _admin.IssueAsync(org, $"{org}-app");
        Remember(secret);
        await HttpAssert.JsonAsync(await _admin.IdentityAsync(client, secret), HttpStatusCode.OK);

        var path = $"/api/v1/admin/organizations/{org}/credentials/{client}";
        var revoked = await HttpAssert.JsonAsync(method == "POST" ? await _admin.PostAsync(path + "/revoke") : await _admin.DeleteAsync(path), HttpStatusCode.OK);

        Assert.Equal("revoked", revoked.GetProperty("status").GetString());
        Assert.Equal(1, revoked.GetProperty("secrets_revoked").GetInt32());
        await HttpAssert.ErrorAsync(await _admin.IdentityAsync(client, secret), HttpStatusCode.Unauthorized, "invalid_credentials");
        var again = await HttpAssert.JsonAsync(await _admin.PostAsync(path + "/revoke"), HttpStatusCode.OK);
        Assert.Equal(0, again.GetProperty("secrets_revoked").GetInt32());
        var listed = await HttpAssert.JsonAsync(await _admin.GetAsync(path), HttpStatusCode.OK);
        Assert.Equal("revoked", listed.GetProperty("status").GetString());
        await HttpAssert.ErrorAsync(await _admin.PostAsync(path + "/rotate"), HttpStatusCode.Conflict, "conflict");
    }

    [Fact]
    public async Task ClientIds_AreGlobal_AnotherOrgsIdIsRefused_EvenOnceRevoked()
    {
        await _admin.CreateOrganizationAsync("cred-owner");
        await _admin.CreateOrganizationAsync("cred-squatter");
        var (client, secret) = await _admin.IssueAsync("cred-owner", "cred-shared-name");
        Remember(secret);
        await HttpAssert.JsonAsync(await _admin.PostAsync($"/api/v1/admin/organizations/cred-owner/credentials/{client}/revoke"), HttpStatusCode.OK);

        var json = await HttpAssert.ErrorAsync(
            await _admin.PostAsync("/api/v1/admin/organizations/cred-squatter/credentials", new { client_id = client }), HttpStatusCode.Conflict, "conflict");
        var sameOrg = await _admin.PostAsync("/api/v1/admin/organizations/cred-owner/credentials", new { client_id = client });

        Assert.Contains("already in use", json.GetProperty("error").GetString(), StringComparison.Ordinal);
        await HttpAssert.ErrorAsync(sameOrg, HttpStatusCode.Conflict, "conflict");
    }

    [Fact]
    public async Task AnotherOrgsPath_SeesAndChangesNoneOfItsCredentials()
    {
        await _admin.CreateOrganizationAsync("cred-victim");
        await _admin.CreateOrganizationAsync("cred-other");
        var (client, secret) = await _admin.IssueAsync("cred-victim", "cred-victim-app");
        Remember(secret);

        var listed = await HttpAssert.JsonAsync(await _admin.GetAsync("/api/v1/admin/organizations/cred-other/credentials"), HttpStatusCode.OK);
        await HttpAssert.ErrorAsync(await _admin.GetAsync($"/api/v1/admin/organizations/cred-other/credentials/{client}"), HttpStatusCode.NotFound, "not_found");
        await HttpAssert.ErrorAsync(await _admin.PostAsync($"/api/v1/admin/organizations/cred-other/credentials/{client}/rotate"), HttpStatusCode.NotFound, "not_found");
        await HttpAssert.ErrorAsync(await _admin.PostAsync($"/api/v1/admin/organizations/cred-other/credentials/{client}/revoke"), HttpStatusCode.NotFound, "not_found");

        Assert.Empty(listed.GetProperty("credentials").EnumerateArray());
        await HttpAssert.JsonAsync(await _admin.IdentityAsync(client, secret), HttpStatusCode.OK);
    }

    [Fact]
    public async Task UnknownOrgOrCredential_Is404()
    {
        await _admin.CreateOrganizationAsync("cred-empty");

        await HttpAssert.ErrorAsync(await _admin.PostAsync("/api/v1/admin/organizations/cred-nobody/credentials", new { }), HttpStatusCode.NotFound, "not_found");
        await HttpAssert.ErrorAsync(await _admin.GetAsync("/api/v1/admin/organizations/cred-nobody/credentials"), HttpStatusCode.NotFound, "not_found");
        await HttpAssert.ErrorAsync(await _admin.PostAsync("/api/v1/admin/organizations/cred-empty/credentials/missing-app/rotate"), HttpStatusCode.NotFound, "not_found");
        await HttpAssert.ErrorAsync(await _admin.DeleteAsync("/api/v1/admin/organizations/cred-empty/credentials/missing-app"), HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [InlineData("""{"client_id":"has space"}""", "client_id must be 1-128 characters")]
    [InlineData("""{"client_id":""}""", "client_id must be 1-128 characters")]
    [InlineData("""{"label":"tab\there"}""", "label must not contain control characters")]
    [InlineData("""{"expires_at":"2026-11-30T00:00:00Z"}""", "expires_at must be in the future")]
    public async Task Issue_InvalidInput_Is400AndIssuesNothing(string body, string message)
    {
        await _admin.CreateOrganizationAsync($"cred-invalid-{Math.Abs(body.GetHashCode(StringComparison.Ordinal))}");

        var json = await HttpAssert.ErrorAsync(
            await _admin.PostJsonAsync($"/api/v1/admin/organizations/cred-invalid-{Math.Abs(body.GetHashCode(StringComparison.Ordinal))}/credentials", body),
            HttpStatusCode.BadRequest,
            "invalid_request");

        Assert.StartsWith(message, json.GetProperty("error").GetString(), StringComparison.Ordinal);
        var listed = await HttpAssert.JsonAsync(await _admin.GetAsync($"/api/v1/admin/organizations/cred-invalid-{Math.Abs(body.GetHashCode(StringComparison.Ordinal))}/credentials"), HttpStatusCode.OK);
        Assert.Empty(listed.GetProperty("credentials").EnumerateArray());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(604801)]
    public async Task Rotate_GraceOutOfRange_Is400AndKeepsTheSecret(int grace)
    {
        var org = $"cred-grace-bad-{grace + 10}";
        await _admin.CreateOrganizationAsync(org);
        var (client, secret) = await _admin.IssueAsync(org, $"{org}-app");
        Remember(secret);

        var json = await HttpAssert.ErrorAsync(
            await _admin.PostAsync($"/api/v1/admin/organizations/{org}/credentials/{client}/rotate", new { grace_seconds = grace }), HttpStatusCode.BadRequest, "invalid_request");

        Assert.StartsWith("grace_seconds must be between 0 and 604800", json.GetProperty("error").GetString(), StringComparison.Ordinal);
        await HttpAssert.JsonAsync(await _admin.IdentityAsync(client, secret), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Changes_AreRecordedInTheOrgsAuditTrail_WithoutSecrets()
    {
        await _admin.CreateOrganizationAsync("cred-trail");
        var (client, secret) = await _admin.IssueAsync("cred-trail", "cred-trail-app");
        var rotated = await HttpAssert.JsonAsync(await _admin.PostAsync($"/api/v1/admin/organizations/cred-trail/credentials/{client}/rotate", new { grace_seconds = 60 }), HttpStatusCode.OK);
        var fresh = rotated.GetProperty("client_secret").GetString()!;
        await HttpAssert.JsonAsync(await _admin.PostAsync($"/api/v1/admin/organizations/cred-trail/credentials/{client}/revoke"), HttpStatusCode.OK);
        Remember(secret);
        Remember(fresh);

        await using var owner = fixture.Database.CreateOwnerDataSource();
        await using var select = owner.CreateCommand("SELECT action, resource, details::text FROM agent_audit_logs WHERE org_id = 'cred-trail' ORDER BY id");
        await using var reader = await select.ExecuteReaderAsync(Token);
        var rows = new List<(string Action, string Resource, string Details)>();
        while (await reader.ReadAsync(Token))
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        Assert.Equal(["organization.created", "credential.issued", "credential.rotated", "credential.revoked"], rows.Select(r => r.Action));
        Assert.All(rows.Skip(1), r => Assert.Equal("client:cred-trail-app", r.Resource));
        Assert.All(rows, r =>
        {
            Assert.DoesNotContain(secret[12..], r.Details, StringComparison.Ordinal);
            Assert.DoesNotContain(fresh[12..], r.Details, StringComparison.Ordinal);
            Assert.DoesNotContain(AdminClient.Key, r.Details, StringComparison.Ordinal);
        });
        Assert.Equal("60", JsonDocument.Parse(rows[2].Details).RootElement.GetProperty("grace_seconds").GetString());
    }

    private string Remember(string secret)
    {
        _secrets.Add(secret);
        return secret;
    }
}
