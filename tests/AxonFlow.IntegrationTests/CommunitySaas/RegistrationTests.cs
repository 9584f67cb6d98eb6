using System.Globalization;
using System.Net;
using System.Text;
using AxonFlow.Core.CommunitySaas;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using static AxonFlow.IntegrationTests.CommunitySaas.TenantRegistrationClient;

namespace AxonFlow.IntegrationTests.CommunitySaas;

/// <summary>POST /api/v1/register on the real pipeline and database: the 201 contract, bad bodies, the per-email cap.</summary>
public sealed class RegistrationTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());

    private AxonFlowTestServer _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private HttpClient Client => _server.Client;

    public async ValueTask InitializeAsync() => _server = await StartAsync(fixture.Database, _time);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Register_Returns201WithTheContract_AndTheSecretWorksAtOnce()
    {
        var email = $"Owner-{Guid.NewGuid():N}@Example.test";
        using var response = await PostAsync(Client, $$"""{"label":"  my laptop  ","email":"{{email}}"}""", request => request.Headers.Host = "attacker.example");

        var json = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        var tenantId = json.GetProperty("tenant_id").GetString()!;
        var secret = json.GetProperty("secret").GetString()!;
        var expiresAt = DateTimeOffset.Parse(json.GetProperty("expires_at").GetString()!, CultureInfo.InvariantCulture);
        Assert.True(CommunitySaasTenantId.IsValid(tenantId), tenantId);
        Assert.StartsWith("axf_", secret, StringComparison.Ordinal);
        Assert.Equal(47, secret.Length);
        Assert.Equal(secret[..12], json.GetProperty("secret_prefix").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", json.GetProperty("expires_at").GetString()!);
        Assert.InRange(expiresAt - _time.GetUtcNow(), TimeSpan.FromDays(365) - TimeSpan.FromSeconds(2), TimeSpan.FromDays(365));
        Assert.Equal("https://try.axonflow.test", json.GetProperty("endpoint").GetString());
        Assert.Contains("Basic", json.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());

        var identity = await HttpAssert.JsonAsync(await SendAsBasicAsync(Client, HttpMethod.Get, "/api/v1/identity", tenantId, secret), HttpStatusCode.OK);
        Assert.Equal(tenantId, identity.GetProperty("org_id").GetString());
        Assert.Equal(tenantId, identity.GetProperty("client_id").GetString());

        // One org, one tenant row (email kept as the recovery opt-in, hash as CommunitySaasDigests computes it), one credential.
        var digests = _server.Services.GetRequiredService<CommunitySaasDigests>();
        await using var owner = fixture.Database.CreateOwnerDataSource();
        await using var tenant = owner.CreateCommand(
            "SELECT label, email, email_hash, recovery_opt_in, expires_at, (SELECT name FROM organizations WHERE org_id = $1), (SELECT count(*) FROM api_keys WHERE org_id = $1 AND client_id = $1 AND expires_at = t.expires_at) FROM community_saas_tenants t WHERE org_id = $1");
        tenant.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        await using var reader = await tenant.ExecuteReaderAsync(Token);
        Assert.True(await reader.ReadAsync(Token));
        Assert.Equal("my laptop", reader.GetString(0));
        Assert.Equal(email.ToLowerInvariant(), reader.GetString(1));
        Assert.Equal(digests.Email(email), reader.GetFieldValue<byte[]>(2));
        Assert.True(reader.GetBoolean(3));
        Assert.Equal(expiresAt, reader.GetFieldValue<DateTimeOffset>(4));
        Assert.Equal("my laptop", reader.GetString(5));
        Assert.Equal(1L, reader.GetInt64(6));
    }

    [Fact]
    public async Task Register_WithoutAnyBodyOrEmail_IsATenantWithoutRecovery()
    {
        var json = await HttpAssert.JsonAsync(await PostAsync(Client, null), HttpStatusCode.Created);
        var tenantId = json.GetProperty("tenant_id").GetString()!;

        await using var owner = fixture.Database.CreateOwnerDataSource();
        await using var tenant = owner.CreateCommand("SELECT email IS NULL AND email_hash IS NULL AND NOT recovery_opt_in AND label = '' FROM community_saas_tenants WHERE org_id = $1");
        tenant.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        Assert.Equal(true, await tenant.ExecuteScalarAsync(Token));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task OtherMethods_Get405_WithAllowPost(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), RegisterPath);

        using var response = await Client.SendAsync(request, Token);

        await HttpAssert.ErrorAsync(response, HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        Assert.Equal(["POST"], response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData("{", "invalid_json", "not valid JSON")]
    [InlineData("""{"label":"a",}""", "invalid_json", "not valid JSON")]
    [InlineData("[]", "invalid_request", "JSON object")]
    [InlineData("\"just a string\"", "invalid_request", "JSON object")]
    [InlineData("""{"label":42}""", "invalid_request", "label must be a string, but was a number")]
    [InlineData("""{"email":true}""", "invalid_request", "email must be a string, but was a boolean")]
    [InlineData("""{"email":["a@b.test"]}""", "invalid_request", "email must be a string, but was an array")]
    [InlineData("""{"label":"x","tier":"pro"}""", "invalid_request", "Unknown field 'tier'")]
    [InlineData("""{"label":"x","label":"y"}""", "invalid_request", "'label' appears more than once")]
    [InlineData("""{"email":"not-an-email"}""", "invalid_request", "email must be an email address")]
    [InlineData("""{"email":"a b@example.test"}""", "invalid_request", "email must not contain spaces")]
    [InlineData("""{"email":""}""", "invalid_request", "email must not be empty")]
    [InlineData("""{"label":"tab\u0007bell"}""", "invalid_request", "label must not contain control characters")]
    public async Task BadBodies_Get400_NamingTheProblem(string body, string reason, string expected)
    {
        var before = await TenantCountAsync();

        var json = await HttpAssert.ErrorAsync(await PostAsync(Client, body), HttpStatusCode.BadRequest, reason);

        Assert.Contains(expected, json.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await TenantCountAsync());
    }

    [Fact]
    public async Task TooLongLabelAndEmail_Get400_NamingTheField()
    {
        var label = await HttpAssert.ErrorAsync(await PostAsync(Client, $$"""{"label":"{{new string('x', 256)}}"}"""), HttpStatusCode.BadRequest, "invalid_request");
        var email = await HttpAssert.ErrorAsync(
            await PostAsync(Client, $$"""{"email":"{{new string('a', 64)}}@{{new string('b', 186)}}.test"}"""), HttpStatusCode.BadRequest, "invalid_request");
        var longest = await HttpAssert.JsonAsync(await PostAsync(Client, $$"""{"label":"{{new string('x', 255)}}"}"""), HttpStatusCode.Created);

        Assert.Equal("label must be at most 255 characters, but was 256", label.GetProperty("error").GetString());
        Assert.Equal("email must be at most 254 characters", email.GetProperty("error").GetString());
        Assert.True(longest.TryGetProperty("tenant_id", out _));
    }

    [Fact]
    public async Task OversizeBody_Gets413_WithOrWithoutContentLength()
    {
        var before = await TenantCountAsync();
        var oversize = $$"""{"label":"{{new string('x', 1100)}}"}""";
        using var declared = await PostAsync(Client, oversize);

        // Chunked: no Content-Length to trust, the limit is enforced while reading.
        using var chunked = new HttpRequestMessage(HttpMethod.Post, RegisterPath) { Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(oversize))) };
        chunked.Headers.TransferEncodingChunked = true;
        using var chunkedResponse = await Client.SendAsync(chunked, Token);

        await HttpAssert.ErrorAsync(declared, HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        await HttpAssert.ErrorAsync(chunkedResponse, HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        Assert.Equal(before, await TenantCountAsync());
    }

    [Fact]
    public async Task FourthActiveTenantPerEmail_Gets409_ExpiredOnesDoNotCount()
    {
        var email = $"cap-{Guid.NewGuid():N}@example.test";
        for (var i = 0; i < 3; i++)
        {
            await RegisterAsync(Client, i == 1 ? email.ToUpperInvariant() : email);
        }

        var fourth = await HttpAssert.ErrorAsync(await PostAsync(Client, $$"""{"email":"{{email}}"}"""), HttpStatusCode.Conflict, "tenant_limit_reached");
        Assert.Contains("3 active tenants", fourth.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(3L, await TenantsForEmailAsync(email));

        // A year and a day later the three have expired: the email may register again.
        _time.Advance(TimeSpan.FromDays(366));
        await RegisterAsync(Client, email);
        Assert.Equal(4L, await TenantsForEmailAsync(email));
    }

    [Fact]
    public async Task ConcurrentRegistrationsForOneEmail_NeverExceedThree()
    {
        var email = $"race-{Guid.NewGuid():N}@example.test";

        // Five registrations for one email race (the 4th and 5th among them): exactly three may win.
        using var start = new SemaphoreSlim(0);
        var racing = Enumerable.Range(0, 5).Select(async _ =>
        {
            await start.WaitAsync(Token);
            using var response = await PostAsync(Client, $$"""{"email":"{{email}}"}""");
            return response.StatusCode;
        }).ToList();
        start.Release(5);
        var racers = await Task.WhenAll(racing);

        Assert.Equal(3, racers.Count(status => status == HttpStatusCode.Created));
        Assert.Equal(2, racers.Count(status => status == HttpStatusCode.Conflict));
        Assert.Equal(3L, await TenantsForEmailAsync(email));
    }

    [Fact]
    public async Task ExpiredRegistration_Gets401_InvalidOrExpired()
    {
        var (tenantId, secret) = await RegisterAsync(Client);
        _time.Advance(TimeSpan.FromDays(365) + TimeSpan.FromSeconds(1));

        var json = await HttpAssert.ErrorAsync(await SendAsBasicAsync(Client, HttpMethod.Get, "/api/v1/identity", tenantId, secret), HttpStatusCode.Unauthorized, "invalid_credentials");

        Assert.Equal("Invalid credentials or registration expired", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task DeletedTenant_Gets401_WithItsOwnMessage_WhileUnknownIdsKeepTheGenericOne()
    {
        var (tenantId, secret) = await RegisterAsync(Client, $"gone-{Guid.NewGuid():N}@example.test");

        // What the erasure branch does: the org's rows go, one ledger row names the keyed digest of the tenant id.
        var digests = _server.Services.GetRequiredService<CommunitySaasDigests>();
        await using (var owner = fixture.Database.CreateOwnerDataSource())
        {
            await using var erase = owner.CreateBatch();
            foreach (var sql in new[] { "DELETE FROM api_keys WHERE org_id = $1", "DELETE FROM community_saas_tenants WHERE org_id = $1", "DELETE FROM organizations WHERE org_id = $1" })
            {
                var command = new NpgsqlBatchCommand(sql);
                command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
                erase.BatchCommands.Add(command);
            }

            var ledger = new NpgsqlBatchCommand("INSERT INTO deletion_log (subject_hash, subject_kind, scope, actor) VALUES ($1, 'tenant', '{\"tables\":[]}', 'owner')");
            ledger.Parameters.Add(new NpgsqlParameter { Value = digests.ErasedSubject(tenantId) });
            erase.BatchCommands.Add(ledger);
            await erase.ExecuteNonQueryAsync(Token);
        }

        var deleted = await HttpAssert.ErrorAsync(await SendAsBasicAsync(Client, HttpMethod.Get, "/api/v1/identity", tenantId, secret), HttpStatusCode.Unauthorized, "tenant_deleted");
        var neverRegistered = await HttpAssert.ErrorAsync(
            await SendAsBasicAsync(Client, HttpMethod.Get, "/api/v1/identity", CommunitySaasTenantId.NewId(), secret), HttpStatusCode.Unauthorized, "invalid_credentials");

        Assert.Equal("This tenant was deleted at the owner's request; register again to continue (POST /api/v1/register)", deleted.GetProperty("error").GetString());
        Assert.Equal("Invalid credentials or registration expired", neverRegistered.GetProperty("error").GetString());
    }

    [Fact]
    public async Task TenantA_NeverSeesTenantB_InTheAuditTrail()
    {
        var a = await RegisterAsync(Client, label: "tenant a");
        var b = await RegisterAsync(Client, label: "tenant b");
        foreach (var (tenant, tool) in new[] { (a, "a.tool"), (b, "b.tool") })
        {
            await HttpAssert.JsonAsync(
                await SendAsBasicAsync(Client, HttpMethod.Post, "/api/v1/audit/tool-call", tenant.TenantId, tenant.Secret, $$"""{"tool_name":"{{tool}}","success":true}"""),
                HttpStatusCode.OK);
        }

        var searchA = await HttpAssert.JsonAsync(await SendAsBasicAsync(Client, HttpMethod.Post, "/api/v1/audit/search", a.TenantId, a.Secret, "{}"), HttpStatusCode.OK);
        var aAsksForB = await HttpAssert.JsonAsync(await SendAsBasicAsync(Client, HttpMethod.Get, $"/api/v1/audit/tenant/{b.TenantId}", a.TenantId, a.Secret), HttpStatusCode.OK);

        var entries = searchA.GetProperty("entries").EnumerateArray().ToList();
        Assert.Contains(entries, e => e.GetRawText().Contains("a.tool", StringComparison.Ordinal));
        Assert.All(entries, e => Assert.Equal(a.TenantId, e.GetProperty("org_id").GetString()));
        Assert.DoesNotContain(b.TenantId, searchA.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("b.tool", aAsksForB.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(0, aAsksForB.GetProperty("entries").GetArrayLength());
    }

    private async Task<long> TenantCountAsync()
    {
        await using var owner = fixture.Database.CreateOwnerDataSource();
        await using var count = owner.CreateCommand("SELECT (SELECT count(*) FROM community_saas_tenants) + (SELECT count(*) FROM organizations WHERE org_id LIKE 'cs\\_%')");
        return (long)(await count.ExecuteScalarAsync(Token))!;
    }

    private async Task<long> TenantsForEmailAsync(string email)
    {
        await using var owner = fixture.Database.CreateOwnerDataSource();
        await using var count = owner.CreateCommand("SELECT count(*) FROM community_saas_tenants WHERE email = $1");
        count.Parameters.Add(new NpgsqlParameter { Value = CommunitySaasDigests.NormalizeEmail(email) });
        return (long)(await count.ExecuteScalarAsync(Token))!;
    }
}
