using AxonFlow.Core.Identity;
using AxonFlow.Core.Licensing;
using AxonFlow.Server.Configuration;
using Microsoft.Extensions.Configuration;

namespace AxonFlow.IntegrationTests.Licensing;

/// <summary>An issuer key pair for deployment licenses, another for plugin tokens, and the settings that trust them.</summary>
internal static class TestLicenses
{
    public static LicenseSigningKey DeploymentKey { get; } = LicenseSigningKey.Generate("deploy-test");

    public static LicenseSigningKey PluginKey { get; } = LicenseSigningKey.Generate();

    public static string DeploymentPublicKeys => $"{DeploymentKey.Kid}={Convert.ToBase64String(DeploymentKey.PublicKey)}";

    public static string PluginPublicKey => Convert.ToBase64String(PluginKey.PublicKey);

    public static string PluginSeed => Convert.ToBase64String(PluginKey.ExportSeed());

    public static string Deployment(DateTimeOffset now, string org = "acme", DateTimeOffset? expiresAt = null, LicenseAudience? audience = null, int? maxNodes = 5) =>
        LicenseIssuer.Issue(DeploymentKey, new LicensePayload
        {
            Version = 3,
            Jti = "lic-" + Guid.NewGuid().ToString("N"),
            Kid = DeploymentKey.Kid,
            Tier = LicenseTier.Enterprise,
            Audience = audience ?? LicenseAudience.SelfHostedFull,
            DeploymentId = OrgId.Create(org),
            IssuedAt = now.AddDays(-1),
            ExpiresAt = expiresAt ?? now.AddDays(365),
            MaxNodes = maxNodes,
            Features = ["extra_feature"],
        });

    public static string Plugin(
        DateTimeOffset now,
        string client = "cs_tenant",
        LicenseAudience? audience = null,
        DateTimeOffset? expiresAt = null,
        string? jti = null,
        LicenseSigningKey? key = null) =>
        LicenseIssuer.Issue(key ?? PluginKey, new LicensePayload
        {
            Version = 3,
            Jti = jti ?? "pro-" + Guid.NewGuid().ToString("N"),
            Kid = (key ?? PluginKey).Kid,
            Tier = LicenseTier.Pro,
            Audience = audience ?? LicenseAudience.SaasPlugin,
            TenantId = ClientId.Create(client),
            IssuedAt = now.AddDays(-1),
            ExpiresAt = expiresAt ?? now.AddDays(90),
        });

    public static AxonFlowSettings Read(TimeProvider timeProvider, params (string Key, string? Value)[] values) =>
        SettingsReader.Read(Configuration(values), "/tmp/axonflow-license-test", timeProvider);

    public static SettingsException ReadFails(TimeProvider timeProvider, params (string Key, string? Value)[] values) =>
        Assert.Throws<SettingsException>(() => Read(timeProvider, values));

    private static IConfiguration Configuration((string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
