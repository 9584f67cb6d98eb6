using System.Net.Http.Headers;
using System.Text;
using AxonFlow.Core.CommunitySaas;
using AxonFlow.Core.Identity;
using AxonFlow.Core.Isolation;
using AxonFlow.Core.Licensing;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.IntegrationTests.Licensing;
using AxonFlow.Server.CommunitySaas.Tiers;
using AxonFlow.Server.Licensing;
using Npgsql;
using NpgsqlTypes;

namespace AxonFlow.IntegrationTests.CommunitySaas.Tiers;

/// <summary>
/// Community SaaS agents for the tier tests (verifier-only plugin key), tenants created the way registration does
/// (organization + community_saas_tenants row + one credential, client = org = cs_…), license rows and raw counts.
/// </summary>
internal static class TierTestHost
{
    public static PluginTokenKeys PluginKeys { get; } = CreateKeys();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static Task<AxonFlowTestServer> StartAsync(
        TestDatabase database,
        TimeProvider time,
        Func<CommunitySaasTierSettings, CommunitySaasTierSettings>? tiers = null,
        bool sweep = false) =>
        AxonFlowTestServer.StartAsync(
            database,
            s => s with
            {
                Mode = DeploymentMode.CommunitySaas,
                PluginTokenKeys = PluginKeys,
                EnabledWorkers = sweep ? new HashSet<AdminPoolWorker> { AdminPoolWorker.CommunitySaasSweep } : new HashSet<AdminPoolWorker>(),
                CommunitySaasTiers = tiers?.Invoke(s.CommunitySaasTiers) ?? s.CommunitySaasTiers,
            },
            time);

    /// <summary>A registered tenant: org, tenant row and credential; returns its id and secret.</summary>
    public static async Task<(string Id, string Secret)> CreateTenantAsync(AxonFlowTestServer server, TestDatabase database, DateTimeOffset now)
    {
        var id = CommunitySaasTenantId.NewId();
        await CreateOrgAsync(database, id, tenant: true, now);
        var credential = await server.IssueCredentialAsync(id, id, now.AddDays(365));
        return (id, credential.Secret);
    }

    /// <summary>An org with a credential but no community_saas_tenants row (e.g. provisioned through the admin API).</summary>
    public static async Task<(string Id, string Secret)> CreatePlainOrgAsync(AxonFlowTestServer server, TestDatabase database, string id, DateTimeOffset now)
    {
        await CreateOrgAsync(database, id, tenant: false, now);
        var credential = await server.IssueCredentialAsync(id, id, now.AddDays(365));
        return (id, credential.Secret);
    }

    /// <summary>A plugin token for the tenant at <paramref name="tier"/> (pro or premium) with a fresh jti.</summary>
    public static (string Token, string Jti) MintToken(string tenant, DateTimeOffset now, LicenseTier tier = LicenseTier.Pro, LicenseAudience? audience = null)
    {
        var jti = "lic-" + Guid.NewGuid().ToString("N");
        var token = LicenseIssuer.Issue(TestLicenses.PluginKey, new LicensePayload
        {
            Version = 3,
            Jti = jti,
            Kid = TestLicenses.PluginKey.Kid,
            Tier = tier,
            Audience = audience ?? LicenseAudience.SaasPlugin,
            TenantId = ClientId.Create(tenant),
            IssuedAt = now.AddDays(-1),
            ExpiresAt = now.AddDays(89),
        });
        return (token, jti);
    }

    /// <summary>The plugin_user_licenses row billing writes for a purchase.</summary>
    public static async Task GrantAsync(TestDatabase database, string tenant, string jti, string token, string tier, DateTimeOffset expiresAt)
    {
        await ExecuteAsync(
            database,
            "INSERT INTO plugin_user_licenses (org_id, tenant_id, jti, tier, license_token, issued_at, expires_at) VALUES ($1, $1, $2, $3, $4, $5 - interval '90 days', $5)",
            tenant,
            jti,
            tier,
            token,
            expiresAt);
    }

    /// <summary>What a refund does: revoked_at on the row.</summary>
    public static Task RevokeAsync(TestDatabase database, string tenant, string jti) =>
        ExecuteAsync(database, "UPDATE plugin_user_licenses SET revoked_at = now(), revoke_reason = 'refund' WHERE org_id = $1 AND jti = $2", tenant, jti);

    public static async Task<long> DailyCountAsync(TestDatabase database, string org)
    {
        await using var owner = database.CreateOwnerDataSource();
        await using var command = owner.CreateCommand("SELECT coalesce(sum(event_count), 0)::bigint FROM daily_usage WHERE org_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = org });
        return (long)(await command.ExecuteScalarAsync(Token))!;
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, string client, string secret, object? body = null, string? licenseToken = null, string? axonflowClient = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{client}:{secret}")));
        if (body is not null)
        {
            request.Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        if (licenseToken is not null)
        {
            request.Headers.Add(LicenseTokenValidator.HeaderName, licenseToken);
        }

        if (axonflowClient is not null)
        {
            request.Headers.Add("X-Axonflow-Client", axonflowClient);
        }

        return request;
    }

    /// <summary>What the Claude Code plugin sends; a plugin-audience token needs a plugin client.</summary>
    public const string PluginClient = "claude-code-plugin/1.1.0";

    /// <summary>A governed request every mode answers 200: the gateway pre-check.</summary>
    public static async Task<HttpResponseMessage> PreCheckAsync(AxonFlowTestServer server, string client, string secret, string? licenseToken = null, string? axonflowClient = PluginClient)
    {
        using var request = Request(HttpMethod.Post, "/api/policy/pre-check", client, secret, new { query = "hello" }, licenseToken, axonflowClient);
        return await server.Client.SendAsync(request, Token);
    }

    public static async Task ExecuteAsync(TestDatabase database, string sql, params object[] values)
    {
        await using var owner = database.CreateOwnerDataSource();
        await using var command = owner.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value is DateTimeOffset time
                ? new NpgsqlParameter { Value = time, NpgsqlDbType = NpgsqlDbType.TimestampTz }
                : new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(Token);
    }

    private static async Task CreateOrgAsync(TestDatabase database, string id, bool tenant, DateTimeOffset now)
    {
        await ExecuteAsync(database, "INSERT INTO organizations (org_id, name) VALUES ($1, $1)", id);
        if (tenant)
        {
            await ExecuteAsync(database, "INSERT INTO community_saas_tenants (org_id, created_at, expires_at) VALUES ($1, $2, $3)", id, now, now.AddDays(365));
        }
    }

    private static PluginTokenKeys CreateKeys()
    {
        if (!LicenseKeyring.TryCreate(TestLicenses.PluginKey.PublicKey, null, out var keyring))
        {
            throw new InvalidOperationException("The test plugin key does not make a keyring.");
        }

        return new PluginTokenKeys(keyring, PluginKeyPosture.VerifierOnly);
    }
}
