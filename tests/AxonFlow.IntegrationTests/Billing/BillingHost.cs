using System.Text;
using AxonFlow.Core.CommunitySaas;
using AxonFlow.Core.Identity;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.IntegrationTests.Licensing;
using AxonFlow.Server.Billing;
using AxonFlow.Server.Configuration;
using AxonFlow.Server.Licensing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Stripe;

namespace AxonFlow.IntegrationTests.Billing;

/// <summary>A Community SaaS agent with the Stripe webhook configured, its clock, and registered tenants to buy Pro for.</summary>
internal sealed class BillingHost : IAsyncDisposable
{
    public const string Secret = "whsec_test_0123456789abcdefBillingSecret";

    public const string Path = "/api/v1/billing/stripe-webhook";

    private readonly TestDatabase _database;

    private BillingHost(TestDatabase database, AxonFlowTestServer server, FakeTimeProvider clock)
    {
        _database = database;
        Server = server;
        Clock = clock;
    }

    public static DateTimeOffset Start { get; } = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public AxonFlowTestServer Server { get; }

    public FakeTimeProvider Clock { get; }

    public HttpClient Client => Server.Client;

    public static PluginTokenKeys SigningKeys { get; } =
        new(TestLicenses.PluginKey.ToKeyring(), PluginKeyPosture.SigningSeed, TestLicenses.PluginKey);

    public static async Task<BillingHost> StartAsync(
        TestDatabase database,
        Func<BillingSettings, BillingSettings>? billing = null,
        Func<AxonFlowSettings, AxonFlowSettings>? settings = null,
        DeploymentMode mode = DeploymentMode.CommunitySaas)
    {
        var clock = new FakeTimeProvider(Start);
        var billingSettings = new BillingSettings
        {
            WebhookSigningSecret = Secret,
            AllowList = IpAllowList.TryParse("127.0.0.1, ::1", out _)!,
            RatePerMinute = 10_000,
        };
        billingSettings = billing?.Invoke(billingSettings) ?? billingSettings;
        var server = await AxonFlowTestServer.StartAsync(
            database,
            s =>
            {
                var configured = s with { Mode = mode, PluginTokenKeys = SigningKeys, Billing = billingSettings };
                return settings?.Invoke(configured) ?? configured;
            },
            clock);
        return new BillingHost(database, server, clock);
    }

    /// <summary>A registered tenant the way registration makes one: org, tenant row (with its email), credential.</summary>
    public async Task<string> CreateTenantAsync(string? email = "owner@tenant.test")
    {
        var tenant = CommunitySaasTenantId.NewId();
        var digests = Server.Services.GetRequiredService<CommunitySaasDigests>();
        await using var owner = _database.CreateOwnerDataSource();
        await using (var org = owner.CreateCommand("INSERT INTO organizations (org_id, name) VALUES ($1, $1)"))
        {
            org.Parameters.Add(new NpgsqlParameter { Value = tenant });
            await org.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await using (var row = owner.CreateCommand(
            "INSERT INTO community_saas_tenants (org_id, email, email_hash, recovery_opt_in, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)"))
        {
            row.Parameters.Add(new NpgsqlParameter { Value = tenant });
            row.Parameters.Add(new NpgsqlParameter { Value = (object?)email ?? DBNull.Value });
            row.Parameters.Add(new NpgsqlParameter { Value = email is null ? DBNull.Value : digests.Email(email) });
            row.Parameters.Add(new NpgsqlParameter { Value = email is not null });
            row.Parameters.Add(new NpgsqlParameter { Value = Clock.GetUtcNow() });
            row.Parameters.Add(new NpgsqlParameter { Value = Clock.GetUtcNow().AddDays(365) });
            await row.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await Server.IssueCredentialAsync(tenant, tenant, Clock.GetUtcNow().AddDays(365));
        return tenant;
    }

    public string Sign(string json, string secret = Secret, DateTimeOffset? at = null) =>
        EventUtility.GenerateSignatureHeader(json, secret, (at ?? Clock.GetUtcNow()).ToUnixTimeSeconds());

    /// <summary>Posts <paramref name="json"/> signed now with the webhook secret, unless a header is given (empty: none).</summary>
    public async Task<HttpResponseMessage> PostAsync(string json, string? signature = null, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        signature ??= Sign(json);
        if (signature.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        }

        configure?.Invoke(request);
        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public NpgsqlDataSource Owner() => _database.CreateOwnerDataSource();

    public async Task<long> CountAsync(string sql, params object[] values)
    {
        await using var owner = _database.CreateOwnerDataSource();
        await using var command = owner.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
