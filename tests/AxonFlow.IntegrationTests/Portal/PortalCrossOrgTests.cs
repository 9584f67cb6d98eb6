using System.Net;
using AxonFlow.Core.Portal;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace AxonFlow.IntegrationTests.Portal;

/// <summary>A signed-in user of org A never sees or changes org B's usage, policies, audit, SSO, users or SCIM tokens.</summary>
public sealed class PortalCrossOrgTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string OrgA = "xorg-a";
    private const string OrgB = "xorg-b";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 10, 9, 0, 0, TimeSpan.Zero));
    private AxonFlowTestServer _server = null!;
    private PortalBrowser _a = null!;
    private PortalBrowser _b = null!;

    public async ValueTask InitializeAsync()
    {
        await PortalSeed.OrganizationAsync(fixture.Database, OrgA);
        await PortalSeed.OrganizationAsync(fixture.Database, OrgB);
        _server = await AxonFlowTestServer.StartAsync(fixture.Database, timeProvider: _time);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        _a = await PortalSeed.SignedInAsync(_server, OrgA, $"a-{suffix}@example.test", PortalRole.Admin);
        _b = await PortalSeed.SignedInAsync(_server, OrgB, $"b-{suffix}@example.test", PortalRole.Admin);
    }

    public async ValueTask DisposeAsync()
    {
        _a.Dispose();
        _b.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Usage_OfOrgB_IsNotInOrgAsReport()
    {
        await SeedAuditAsync(OrgB, "b-app", 5);

        var json = await HttpAssert.JsonAsync(await _a.GetAsync("/api/v1/portal/usage"), HttpStatusCode.OK);

        Assert.DoesNotContain("b-app", json.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policies_OfOrgB_CannotBeReadChangedOrDeletedByOrgA()
    {
        var id = "xorg_" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Created, (await _b.PostAsync("/api/v1/portal/policies/static", new { policy_id = id, name = "B only", category = "sensitive-data", pattern = "secretb", action = "block" })).StatusCode);

        var list = await HttpAssert.JsonAsync(await _a.GetAsync("/api/v1/portal/policies/static?tier=tenant"), HttpStatusCode.OK);
        var get = await _a.GetAsync($"/api/v1/portal/policies/static/{id}");
        var update = await _a.SendJsonAsync(HttpMethod.Put, $"/api/v1/portal/policies/static/{id}", """{"pattern":"hijacked"}""");
        var delete = await _a.DeleteAsync($"/api/v1/portal/policies/static/{id}");

        Assert.DoesNotContain(id, list.GetRawText(), StringComparison.Ordinal);
        await HttpAssert.ErrorAsync(get, HttpStatusCode.NotFound, "not_found");
        await HttpAssert.ErrorAsync(update, HttpStatusCode.NotFound, "not_found");
        await HttpAssert.ErrorAsync(delete, HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.OK, (await _b.GetAsync($"/api/v1/portal/policies/static/{id}")).StatusCode);
    }

    [Fact]
    public async Task Audit_OfOrgB_IsNotFoundByOrgA()
    {
        await SeedAuditAsync(OrgB, "b-audit-app", 1);

        var search = await HttpAssert.JsonAsync(await _a.PostAsync("/api/v1/portal/audit/search", new { client_id = "b-audit-app" }), HttpStatusCode.OK);
        var byClient = await HttpAssert.JsonAsync(await _a.GetAsync("/api/v1/portal/audit/tenant/b-audit-app"), HttpStatusCode.OK);
        var export = await (await _a.GetAsync("/api/v1/portal/audit/export?client_id=b-audit-app")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, search.GetProperty("total").GetInt64());
        Assert.Equal(0, byClient.GetProperty("total").GetInt64());
        Assert.Equal(string.Empty, export);
    }

    [Fact]
    public async Task SsoSettings_OfOrgB_AreInvisibleToOrgA()
    {
        Assert.Equal(HttpStatusCode.OK, (await _b.PutAsync("/api/v1/portal/sso", new { protocol = "oidc", oidc = new { issuer = "https://b.example.test", client_id = "b-client", client_secret = "b-secret" } })).StatusCode);

        var seenByA = await HttpAssert.JsonAsync(await _a.GetAsync("/api/v1/portal/sso"), HttpStatusCode.OK);

        Assert.False(seenByA.GetProperty("configured").GetBoolean());
        Assert.True((await HttpAssert.JsonAsync(await _b.GetAsync("/api/v1/portal/sso"), HttpStatusCode.OK)).GetProperty("configured").GetBoolean());
    }

    [Fact]
    public async Task ApiKeys_OfOrgB_CannotBeListedRotatedOrRevokedByOrgA()
    {
        var clientId = "xorg-b-app-" + Guid.NewGuid().ToString("N")[..6];
        var secret = (await HttpAssert.JsonAsync(await _b.PostAsync("/api/v1/portal/api-keys", new { client_id = clientId }), HttpStatusCode.Created)).GetProperty("client_secret").GetString()!;

        var list = await HttpAssert.JsonAsync(await _a.GetAsync("/api/v1/portal/api-keys"), HttpStatusCode.OK);
        var rotate = await _a.PostAsync($"/api/v1/portal/api-keys/{clientId}/rotate", new { });
        var revoke = await _a.DeleteAsync($"/api/v1/portal/api-keys/{clientId}");
        var reuse = await _a.PostAsync("/api/v1/portal/api-keys", new { client_id = clientId });

        Assert.DoesNotContain(clientId, list.GetRawText(), StringComparison.Ordinal);
        await HttpAssert.ErrorAsync(rotate, HttpStatusCode.NotFound, "not_found");
        await HttpAssert.ErrorAsync(revoke, HttpStatusCode.NotFound, "not_found");
        await HttpAssert.ErrorAsync(reuse, HttpStatusCode.Conflict, "conflict");
        Assert.Equal(1L, await PortalSeed.CountAsync(fixture.Database, "SELECT count(*) FROM api_keys WHERE client_id = $1 AND org_id = $2 AND revoked_at IS NULL", clientId, OrgB));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/identity");
        request.Headers.Authorization = AxonFlowTestServer.Basic(clientId, secret);
        Assert.Equal(HttpStatusCode.OK, (await _server.Client.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Users_OfOrgB_AreNotListedForOrgA()
    {
        var json = await HttpAssert.JsonAsync(await _a.GetAsync("/api/v1/portal/users"), HttpStatusCode.OK);

        Assert.All(json.GetProperty("users").EnumerateArray(), u => Assert.StartsWith("a-", u.GetProperty("email").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task ScimTokens_OfOrgB_CannotBeListedOrRevokedByOrgA()
    {
        var issued = await HttpAssert.JsonAsync(await _b.PostAsync("/api/v1/portal/scim-tokens", new { label = "B IdP" }), HttpStatusCode.Created);
        var id = issued.GetProperty("id").GetGuid();

        var list = await HttpAssert.JsonAsync(await _a.GetAsync("/api/v1/portal/scim-tokens"), HttpStatusCode.OK);
        var revoke = await _a.DeleteAsync($"/api/v1/portal/scim-tokens/{id}");

        Assert.DoesNotContain(id.ToString(), list.GetRawText(), StringComparison.Ordinal);
        await HttpAssert.ErrorAsync(revoke, HttpStatusCode.NotFound, "not_found");
        Assert.Equal(0L, await PortalSeed.CountAsync(fixture.Database, "SELECT count(*) FROM scim_tokens WHERE id = $1 AND revoked_at IS NOT NULL", id));
    }

    private async Task SeedAuditAsync(string org, string client, int rows)
    {
        await using var owner = fixture.Database.CreateOwnerDataSource();
        await using var insert = owner.CreateCommand(
            "INSERT INTO audit_logs (org_id, client_id, tenant_id, request_id, \"timestamp\", request_type, policy_decision) SELECT $1, $2, $2, 'r', $3, 'llm_chat', 'blocked' FROM generate_series(1, $4)");
        insert.Parameters.Add(new NpgsqlParameter { Value = org });
        insert.Parameters.Add(new NpgsqlParameter { Value = client });
        insert.Parameters.Add(new NpgsqlParameter { Value = _time.GetUtcNow().AddHours(-1) });
        insert.Parameters.Add(new NpgsqlParameter { Value = rows });
        await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
