using System.Net;
using System.Text;
using AxonFlow.Core.CommunitySaas;
using AxonFlow.Core.Identity;
using AxonFlow.Core.Isolation;
using AxonFlow.IntegrationTests.Governance;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.IntegrationTests.Isolation;
using AxonFlow.Server.CommunitySaas.SelfService;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace AxonFlow.IntegrationTests.CommunitySaas;

/// <summary>GDPR erasure: email-verified request, one-transaction erasure of everything of the tenant, the ledger, Stripe after commit.</summary>
public sealed class ErasureTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string ConfirmKind = "tenant.delete_confirm";
    private const string StripeKey = "sk_test_erasure_fake";

    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());
    private FakeStripe _stripe = null!;
    private AxonFlowTestServer _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private TestDatabase Database => fixture.Database;

    public async ValueTask InitializeAsync()
    {
        _stripe = await FakeStripe.StartAsync();
        _server = await StartServerAsync(_stripe.BaseUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _stripe.DisposeAsync();
    }

    [Fact]
    public async Task Erasure_LeavesNothingOfTheTenantInAnyTable_AndOthersUntouched()
    {
        var emailA = Unique("erase-me");
        var emailB = Unique("keep-me");
        var a = await SaasTenants.CreateAsync(_server, emailA, _time.GetUtcNow(), "cus_A" + Guid.NewGuid().ToString("N")[..10]);
        var b = await SaasTenants.CreateAsync(_server, emailB, _time.GetUtcNow(), "cus_B" + Guid.NewGuid().ToString("N")[..10]);
        await FillEveryOrgTableAsync(a.Id);
        await FillEveryOrgTableAsync(b.Id);
        await WriteAuditThroughTheApiAsync(a, emailA);
        await WriteAuditThroughTheApiAsync(b, emailB);
        using (await _server.Client.PostAsync("/api/v1/recover", Json($$"""{"email":"{{emailA}}"}"""), Token))
        {
        }

        await Outbox.WaitForAsync(Database, emailA, "recovery.magic_link");
        var token = await RequestTokenAsync(a.Id, emailA);
        var before = await RowsOfOrgAsync(b.Id);
        Assert.NotEmpty(await DatabaseScan.TextColumnsContainingAsync(Database, a.Id));
        Assert.NotEmpty(await DatabaseScan.TextColumnsContainingAsync(Database, emailA));
        Assert.NotEmpty(await DatabaseScan.BinaryColumnsContainingAsync(Database, Digests.Email(emailA)));

        using var response = await ConfirmAsync(a.Id, token);
        var receipt = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);

        Assert.Equal("erased", receipt.GetProperty("status").GetString());
        Assert.Equal("deleted", receipt.GetProperty("stripe_customer_deletion").GetString());
        Assert.DoesNotContain(a.Id, receipt.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(emailA, receipt.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.True(receipt.GetProperty("erased").GetProperty("audit_logs").GetInt64() >= 1);
        Assert.True(await DatabaseScan.TableCountAsync(Database) > OrgTables.MinimalInserts.Count);
        Assert.Empty(await DatabaseScan.TextColumnsContainingAsync(Database, a.Id));
        Assert.Empty(await DatabaseScan.TextColumnsContainingAsync(Database, emailA));
        Assert.Empty(await DatabaseScan.BinaryColumnsContainingAsync(Database, Digests.Email(emailA)));
        Assert.Equal(before, await RowsOfOrgAsync(b.Id));
        Assert.Equal(HttpStatusCode.OK, await IdentityStatusAsync(b.Id, b.Secret));
        Assert.Equal(HttpStatusCode.Unauthorized, await IdentityStatusAsync(a.Id, a.Secret));
        var (customer, authorization) = Assert.Single(_stripe.Deletions);
        Assert.StartsWith("cus_A", customer, StringComparison.Ordinal);
        Assert.Equal("Bearer " + StripeKey, authorization);

        var ledger = await LedgerAsync(a.Id);
        var row = Assert.Single(ledger);
        Assert.Equal(receipt.GetProperty("receipt_id").GetInt64(), row.Id);
        Assert.Equal("tenant", row.Kind);
        Assert.Equal("tenant", row.Actor);
        Assert.Contains("\"api_keys\"", row.Scope, StringComparison.Ordinal);
        Assert.Contains("\"csaas_recovery_tokens\": 1", row.Scope, StringComparison.Ordinal);
        Assert.DoesNotContain(a.Id, row.Scope, StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(Digests.ErasedSubject(a.Id)), receipt.GetProperty("subject_hash").GetString());
        Assert.DoesNotContain(_server.Logs.Entries, e => e.Message.Contains(token, StringComparison.Ordinal) || e.Message.Contains(emailA, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task WrongOrForeignToken_ErasesNothing()
    {
        var email = Unique("wrong");
        var tenant = await SaasTenants.CreateAsync(_server, email, _time.GetUtcNow());
        var otherEmail = Unique("other");
        var other = await SaasTenants.CreateAsync(_server, otherEmail, _time.GetUtcNow());
        var othersToken = await RequestTokenAsync(other.Id, otherEmail);

        using var random = await ConfirmAsync(tenant.Id, SplitToken.New().Value);
        using var foreign = await ConfirmAsync(tenant.Id, othersToken);

        await HttpAssert.ErrorAsync(random, HttpStatusCode.BadRequest, "invalid_token");
        await HttpAssert.ErrorAsync(foreign, HttpStatusCode.BadRequest, "invalid_token");
        Assert.Equal(HttpStatusCode.OK, await IdentityStatusAsync(tenant.Id, tenant.Secret));
        Assert.Empty(await LedgerAsync(tenant.Id));
        Assert.Equal(HttpStatusCode.OK, (await ConfirmAsync(other.Id, othersToken)).StatusCode);
    }

    [Fact]
    public async Task UsedToken_IsRefusedTheSecondTime()
    {
        var email = Unique("used");
        var tenant = await SaasTenants.CreateAsync(_server, email, _time.GetUtcNow());
        var token = await RequestTokenAsync(tenant.Id, email);

        using var first = await ConfirmAsync(tenant.Id, token);
        using var second = await ConfirmAsync(tenant.Id, token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await HttpAssert.ErrorAsync(second, HttpStatusCode.BadRequest, "invalid_token");
        Assert.Single(await LedgerAsync(tenant.Id));
    }

    [Fact]
    public async Task ExpiredToken_ErasesNothing()
    {
        var email = Unique("expired");
        var tenant = await SaasTenants.CreateAsync(_server, email, _time.GetUtcNow());
        var token = await RequestTokenAsync(tenant.Id, email);

        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        using var response = await ConfirmAsync(tenant.Id, token);

        await HttpAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "invalid_token");
        Assert.Equal(HttpStatusCode.OK, await IdentityStatusAsync(tenant.Id, tenant.Secret));
        Assert.Empty(await LedgerAsync(tenant.Id));
    }

    [Fact]
    public async Task WrongVerifier_DoesNotBurnTheToken()
    {
        var email = Unique("verifier");
        var tenant = await SaasTenants.CreateAsync(_server, email, _time.GetUtcNow());
        var token = await RequestTokenAsync(tenant.Id, email);

        using var wrong = await ConfirmAsync(tenant.Id, token[..23] + new string('B', 43));
        using var right = await ConfirmAsync(tenant.Id, token);

        await HttpAssert.ErrorAsync(wrong, HttpStatusCode.BadRequest, "invalid_token");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task ConcurrentConfirms_EraseOnce()
    {
        var email = Unique("race");
        var tenant = await SaasTenants.CreateAsync(_server, email, _time.GetUtcNow());
        var token = await RequestTokenAsync(tenant.Id, email);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ConfirmAsync(tenant.Id, token)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest));
        Assert.Single(await LedgerAsync(tenant.Id));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task StripeDown_ErasureStillCompletes()
    {
        await using var server = await StartServerAsync(FakeStripe.Unreachable());
        var email = Unique("stripe-down");
        var tenant = await SaasTenants.CreateAsync(server, email, _time.GetUtcNow(), "cus_down1");
        using (await server.Client.PostAsync($"/api/v1/tenant/{tenant.Id}/delete-request", Json($$"""{"email":"{{email}}"}"""), Token))
        {
        }

        var token = Outbox.TokenIn(Assert.Single(await Outbox.WaitForAsync(Database, email, ConfirmKind)));
        using var response = await server.Client.PostAsync($"/api/v1/tenant/{tenant.Id}/delete-confirm", Json($$"""{"token":"{{token}}"}"""), Token);
        var receipt = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);

        Assert.Equal("failed", receipt.GetProperty("stripe_customer_deletion").GetString());
        Assert.Single(await LedgerAsync(tenant.Id));
        Assert.Empty(await DatabaseScan.TextColumnsContainingAsync(Database, tenant.Id));
        Assert.Contains(server.Logs.Entries, e => e.Message.Contains("[CSAAS-DELETE] Stripe unreachable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeleteRequest_SameAnswerForMatchMismatchAndUnknownTenant_MailOnlyOnMatch()
    {
        var email = Unique("match");
        var tenant = await SaasTenants.CreateAsync(_server, email, _time.GetUtcNow());

        using var mismatch = await RequestAsync(tenant.Id, Unique("not-on-file"));
        NextWindow();
        using var unknown = await RequestAsync(CommunitySaasTenantId.NewId(), email);
        NextWindow();
        using var match = await RequestAsync(tenant.Id, email.ToUpperInvariant());

        Assert.All(new[] { mismatch, unknown, match }, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var bodies = new HashSet<string>(StringComparer.Ordinal);
        foreach (var response in new[] { mismatch, unknown, match })
        {
            bodies.Add(await response.Content.ReadAsStringAsync(Token));
        }

        Assert.Single(bodies);
        Assert.Single(await Outbox.WaitForAsync(Database, email, ConfirmKind));
    }

    [Fact]
    public async Task DeleteRequest_LimitsOnePerMinutePerIp_AndOnePerHourPerTenant()
    {
        var first = await SaasTenants.CreateAsync(_server, Unique("limit-1"), _time.GetUtcNow());
        var second = await SaasTenants.CreateAsync(_server, Unique("limit-2"), _time.GetUtcNow());

        using var allowed = await RequestAsync(first.Id, first.Email!);
        using var ipLimited = await RequestAsync(second.Id, second.Email!);
        _time.Advance(TimeSpan.FromSeconds(61));
        using var tenantLimited = await RequestAsync(first.Id, first.Email!);
        _time.Advance(TimeSpan.FromSeconds(61));
        using var otherTenant = await RequestAsync(second.Id, second.Email!);

        Assert.Equal(HttpStatusCode.Accepted, allowed.StatusCode);
        await HttpAssert.ErrorAsync(ipLimited, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.NotNull(ipLimited.Headers.RetryAfter);
        await HttpAssert.ErrorAsync(tenantLimited, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(tenantLimited.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Accepted, otherTenant.StatusCode);
    }

    [Theory]
    [InlineData("not-a-tenant")]
    [InlineData("cs_0b6f0e4e")]
    [InlineData("CS_0B6F0E4E-0000-4000-8000-000000000000")]
    public async Task InvalidTenantId_Is400(string id)
    {
        using var request = await RequestAsync(id, "a@b.test");
        using var confirm = await ConfirmAsync(id, SplitToken.New().Value);

        await HttpAssert.ErrorAsync(request, HttpStatusCode.BadRequest, "invalid_request");
        await HttpAssert.ErrorAsync(confirm, HttpStatusCode.BadRequest, "invalid_request");
    }

    [Theory]
    [InlineData("delete-request", "not json", "invalid_json")]
    [InlineData("delete-request", "{}", "invalid_request")]
    [InlineData("delete-request", "{\"email\":[]}", "invalid_request")]
    [InlineData("delete-request", "{\"email\":\"nope\"}", "invalid_request")]
    [InlineData("delete-confirm", "not json", "invalid_json")]
    [InlineData("delete-confirm", "{\"token\":\"abc\"}", "invalid_token")]
    [InlineData("delete-confirm", "{\"token\":1}", "invalid_request")]
    public async Task MalformedBody_Is400(string action, string body, string reason)
    {
        using var response = await _server.Client.PostAsync($"/api/v1/tenant/{CommunitySaasTenantId.NewId()}/{action}", Json(body), Token);

        await HttpAssert.ErrorAsync(response, HttpStatusCode.BadRequest, reason);
    }

    [Theory]
    [InlineData("delete-request")]
    [InlineData("delete-confirm")]
    public async Task OversizeBody_Is413(string action)
    {
        var body = $$"""{"email":"a@b.test","token":"{{new string('x', 1100)}}"}""";
        using var response = await _server.Client.PostAsync($"/api/v1/tenant/{CommunitySaasTenantId.NewId()}/{action}", Json(body), Token);

        await HttpAssert.ErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Theory]
    [InlineData("GET", "delete-request")]
    [InlineData("PUT", "delete-request")]
    [InlineData("GET", "delete-confirm")]
    [InlineData("DELETE", "delete-confirm")]
    public async Task WrongMethod_Is405(string method, string action)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), $"/api/v1/tenant/{CommunitySaasTenantId.NewId()}/{action}");
        using var response = await _server.Client.SendAsync(request, Token);

        await HttpAssert.ErrorAsync(response, HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [Fact]
    public async Task OutsideCommunitySaas_TheRoutesDoNotExist()
    {
        await using var community = await AxonFlowTestServer.StartAsync(Database);

        using var recover = await community.Client.PostAsync("/api/v1/recover", Json("""{"email":"a@b.test"}"""), Token);
        using var delete = await community.Client.PostAsync($"/api/v1/tenant/{CommunitySaasTenantId.NewId()}/delete-request", Json("""{"email":"a@b.test"}"""), Token);

        await HttpAssert.ErrorAsync(recover, HttpStatusCode.NotFound, "not_found");
        await HttpAssert.ErrorAsync(delete, HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task CommunitySaas_WithTheWorkerFlagsOff_AnswersNotFound()
    {
        await using var off = await AxonFlowTestServer.StartAsync(Database, s => s with { Mode = DeploymentMode.CommunitySaas, EnabledWorkers = new HashSet<AdminPoolWorker>() });

        using var recover = await off.Client.PostAsync("/api/v1/recover/verify", Json($$"""{"token":"{{SplitToken.New().Value}}"}"""), Token);
        using var confirm = await off.Client.PostAsync($"/api/v1/tenant/{CommunitySaasTenantId.NewId()}/delete-confirm", Json($$"""{"token":"{{SplitToken.New().Value}}"}"""), Token);

        await HttpAssert.ErrorAsync(recover, HttpStatusCode.NotFound, "not_found");
        await HttpAssert.ErrorAsync(confirm, HttpStatusCode.NotFound, "not_found");
    }

    private CommunitySaasDigests Digests => _server.Services.GetRequiredService<CommunitySaasDigests>();

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}@Mail.Example.test";

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private Task<AxonFlowTestServer> StartServerAsync(Uri stripe) => AxonFlowTestServer.StartAsync(
        Database,
        s => s with
        {
            Mode = DeploymentMode.CommunitySaas,
            EnabledWorkers = new HashSet<AdminPoolWorker> { AdminPoolWorker.CommunitySaasRecovery, AdminPoolWorker.CommunitySaasDelete },
            CommunitySaas = s.CommunitySaas with { PublicUrl = "https://agent.example.test" },
            SelfService = new SelfServiceSettings { StripeSecretKey = StripeKey, StripeApiBaseUrl = stripe },
        },
        _time);

    /// <summary>Past the per-IP minute window (the per-tenant hour window too).</summary>
    private void NextWindow() => _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

    private Task<HttpResponseMessage> RequestAsync(string tenant, string email) =>
        _server.Client.PostAsync($"/api/v1/tenant/{tenant}/delete-request", Json($$"""{"email":"{{email}}"}"""), Token);

    private Task<HttpResponseMessage> ConfirmAsync(string tenant, string token) =>
        _server.Client.PostAsync($"/api/v1/tenant/{tenant}/delete-confirm", Json($$"""{"token":"{{token}}"}"""), Token);

    private async Task<string> RequestTokenAsync(string tenant, string email)
    {
        using var response = await RequestAsync(tenant, email);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var token = Outbox.TokenIn(Assert.Single(await Outbox.WaitForAsync(Database, email, ConfirmKind)));
        _time.Advance(TimeSpan.FromSeconds(61)); // past the per-IP minute, well within the token's hour
        return token;
    }

    private async Task FillEveryOrgTableAsync(string org)
    {
        await using var owner = Database.CreateOwnerDataSource();
        foreach (var (table, sql) in OrgTables.MinimalInserts)
        {
            if (table is "organizations" or "community_saas_tenants")
            {
                continue;
            }

            await using var insert = owner.CreateCommand(sql);
            insert.Parameters.Add(new NpgsqlParameter { Value = org });
            await insert.ExecuteNonQueryAsync(Token);
        }
    }

    private async Task WriteAuditThroughTheApiAsync(SaasTenant tenant, string email)
    {
        var client = new GovernanceClient(_server, tenant.Id, tenant.Secret);
        using var response = await client.PostAsync("/api/request", new { query = $"Please write to {email} about my account", user_token = "user-1", client_id = tenant.Id, request_type = "chat", context = new { } });
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Forbidden, $"proxy answered {(int)response.StatusCode}");
        await using var owner = Database.CreateOwnerDataSource();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            await using var count = owner.CreateCommand("SELECT count(*) FROM audit_logs WHERE org_id = $1 AND client_id = $1");
            count.Parameters.Add(new NpgsqlParameter { Value = tenant.Id });
            if ((long)(await count.ExecuteScalarAsync(Token))! > 0)
            {
                return;
            }

            await Task.Delay(50, Token);
        }

        throw new TimeoutException("The audit row of the proxied request never appeared.");
    }

    private async Task<Dictionary<string, long>> RowsOfOrgAsync(string org)
    {
        await using var owner = Database.CreateOwnerDataSource();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in OrgTables.MinimalInserts.Keys)
        {
            await using var count = owner.CreateCommand($"SELECT count(*) FROM {table} WHERE org_id = $1");
            count.Parameters.Add(new NpgsqlParameter { Value = org });
            counts[table] = (long)(await count.ExecuteScalarAsync(Token))!;
        }

        return counts;
    }

    private async Task<List<(long Id, string Kind, string Actor, string Scope)>> LedgerAsync(string tenant)
    {
        await using var owner = Database.CreateOwnerDataSource();
        await using var command = owner.CreateCommand("SELECT id, subject_kind, actor, scope::text FROM deletion_log WHERE subject_hash = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = Digests.ErasedSubject(tenant) });
        await using var reader = await command.ExecuteReaderAsync(Token);
        var rows = new List<(long, string, string, string)>();
        while (await reader.ReadAsync(Token))
        {
            rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return rows;
    }

    private async Task<HttpStatusCode> IdentityStatusAsync(string tenant, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/identity");
        request.Headers.Authorization = AxonFlowTestServer.Basic(tenant, secret);
        using var response = await _server.Client.SendAsync(request, Token);
        return response.StatusCode;
    }
}
