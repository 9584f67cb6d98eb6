using System.Net;
using AxonFlow.Core.Identity;
using AxonFlow.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using static AxonFlow.IntegrationTests.Infrastructure.AxonFlowTestServer;

namespace AxonFlow.IntegrationTests.Http;

/// <summary>SaaS and enterprise modes: credentials are required; the org comes from the credential, never from headers.</summary>
public sealed class CredentialIdentityTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private AxonFlowTestServer _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await StartAsync(fixture.Database, s => s with { Mode = DeploymentMode.Saas }, _time);
        await using var owner = fixture.Database.CreateOwnerDataSource();
        await using var org = owner.CreateCommand("INSERT INTO organizations (org_id, name, tier) VALUES ('acme', 'Acme Corp', 'enterprise') ON CONFLICT DO NOTHING");
        await org.ExecuteNonQueryAsync(Token);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task NoCredentials_Is401TellingTheCallerToUseBasicAuth()
    {
        var json = await HttpAssert.ErrorAsync(await _server.Client.GetAsync("/api/v1/identity", Token), HttpStatusCode.Unauthorized, "missing_credentials");

        Assert.Equal("Authentication required: provide Authorization header with Basic auth (clientId:clientSecret)", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task EmptySecret_Is401()
    {
        await HttpAssert.ErrorAsync(await SendAsync(Basic("acme-prod-api", string.Empty)), HttpStatusCode.Unauthorized, "missing_credentials");
    }

    [Fact]
    public async Task ValidCredential_ResolvesItsOrgAndSeesOnlyThatOrgsRow()
    {
        var credential = await _server.IssueCredentialAsync("acme", "acme-prod-api");

        var json = await HttpAssert.JsonAsync(await SendAsync(Basic("acme-prod-api", credential.Secret), ("X-Org-ID", "local-dev-org")), HttpStatusCode.OK);

        Assert.Equal("acme", json.GetProperty("org_id").GetString());
        Assert.Equal("acme-prod-api", json.GetProperty("client_id").GetString());
        Assert.Equal("saas", json.GetProperty("deployment_mode").GetString());
        Assert.Equal("credential", json.GetProperty("authenticated_by").GetString());
        Assert.Equal("Acme Corp", json.GetProperty("organization").GetProperty("name").GetString());
    }

    [Fact]
    public async Task UnknownClient_WrongSecret_AndRevoked_AllGetTheSameAnswer()
    {
        var credential = await _server.IssueCredentialAsync("acme", "acme-revoked");
        await using (var owner = fixture.Database.CreateOwnerDataSource())
        await using (var revoke = owner.CreateCommand("UPDATE api_keys SET revoked_at = now() WHERE id = $1"))
        {
            revoke.Parameters.Add(new NpgsqlParameter { Value = credential.KeyId });
            await revoke.ExecuteNonQueryAsync(Token);
        }

        var unknown = await HttpAssert.ErrorAsync(await SendAsync(Basic("nobody", "axf_x")), HttpStatusCode.Unauthorized, "invalid_credentials");
        var wrong = await HttpAssert.ErrorAsync(await SendAsync(Basic("acme-revoked", "axf_x")), HttpStatusCode.Unauthorized, "invalid_credentials");
        var revoked = await HttpAssert.ErrorAsync(await SendAsync(Basic("acme-revoked", credential.Secret)), HttpStatusCode.Unauthorized, "invalid_credentials");

        Assert.Equal("Invalid credentials", unknown.GetProperty("error").GetString());
        Assert.Equal(unknown.GetProperty("error").GetString(), wrong.GetProperty("error").GetString());
        Assert.Equal(unknown.GetProperty("error").GetString(), revoked.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ExpiredCredential_StopsWorkingWhenItsTimeComes()
    {
        var credential = await _server.IssueCredentialAsync("acme", "acme-expiring", _time.GetUtcNow().AddHours(1));

        var beforeExpiry = await SendAsync(Basic("acme-expiring", credential.Secret));
        _time.Advance(TimeSpan.FromHours(2));
        var afterExpiry = await SendAsync(Basic("acme-expiring", credential.Secret));

        await HttpAssert.JsonAsync(beforeExpiry, HttpStatusCode.OK);
        await HttpAssert.ErrorAsync(afterExpiry, HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task LegacyHeaderPair_AuthenticatesLikeBasic()
    {
        var credential = await _server.IssueCredentialAsync("acme", "acme-go-sdk");

        var json = await HttpAssert.JsonAsync(
            await SendAsync(null, ("X-Tenant-ID", "acme-go-sdk"), ("X-Client-Secret", credential.Secret)),
            HttpStatusCode.OK);

        Assert.Equal("acme-go-sdk", json.GetProperty("client_id").GetString());
        Assert.Equal("acme", json.GetProperty("org_id").GetString());
    }

    [Fact]
    public async Task SuccessfulAuthentication_RecordsLastUse()
    {
        var credential = await _server.IssueCredentialAsync("acme", "acme-touched");

        await HttpAssert.JsonAsync(await SendAsync(Basic("acme-touched", credential.Secret)), HttpStatusCode.OK);

        await using var owner = fixture.Database.CreateOwnerDataSource();
        await using var lastUsed = owner.CreateCommand("SELECT last_used_at IS NOT NULL FROM api_keys WHERE id = $1");
        lastUsed.Parameters.Add(new NpgsqlParameter { Value = credential.KeyId });
        Assert.Equal(true, await lastUsed.ExecuteScalarAsync(Token));
    }

    [Fact]
    public async Task StoredSecret_IsAKeyedHashNotTheSecret()
    {
        var credential = await _server.IssueCredentialAsync("acme", "acme-hashed");

        await using var owner = fixture.Database.CreateOwnerDataSource();
        await using var stored = owner.CreateCommand("SELECT secret_hash, secret_prefix FROM api_keys WHERE id = $1");
        stored.Parameters.Add(new NpgsqlParameter { Value = credential.KeyId });
        await using var reader = await stored.ExecuteReaderAsync(Token);
        Assert.True(await reader.ReadAsync(Token));
        var hash = reader.GetFieldValue<byte[]>(0);
        Assert.Equal(32, hash.Length);
        Assert.DoesNotContain(credential.Secret, System.Text.Encoding.UTF8.GetString(hash), StringComparison.Ordinal);
        Assert.Equal(credential.Secret[..12], reader.GetString(1));
    }

    private async Task<HttpResponseMessage> SendAsync(System.Net.Http.Headers.AuthenticationHeaderValue? authorization, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/identity");
        request.Headers.Authorization = authorization;
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return await _server.Client.SendAsync(request, Token);
    }
}
