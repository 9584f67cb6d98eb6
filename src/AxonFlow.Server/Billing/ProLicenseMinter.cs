using System.Security.Cryptography;
using AxonFlow.Core.Identity;
using AxonFlow.Core.Licensing;
using AxonFlow.Postgres.Billing;
using AxonFlow.Server.Licensing;

namespace AxonFlow.Server.Billing;

/// <summary>
/// Signs a Pro plugin token for a tenant (<c>aud axonflow.saas.plugin</c>, bound to the tenant, a fresh jti), issued at
/// the whole second it is minted — the value stored with it — and valid for <see cref="BillingSettings.ProValidityDays"/>.
/// </summary>
internal sealed class ProLicenseMinter(PluginTokenKeys keys, BillingSettings settings)
{
    public bool CanMint => keys.SigningKey is not null;

    public MintedToken Mint(OrgId tenant, DateTimeOffset now)
    {
        var key = keys.SigningKey ?? throw new InvalidOperationException("No plugin signing key is configured (AXONFLOW_PLUGIN_CLAIMED_SIGNING_KEY).");
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var expiresAt = issuedAt.AddDays(settings.ProValidityDays);
        var jti = "pro_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var token = LicenseIssuer.Issue(key, new LicensePayload
        {
            Version = 3,
            Jti = jti,
            Kid = key.Kid,
            Tier = LicenseTier.Pro,
            Audience = LicenseAudience.SaasPlugin,
            TenantId = ClientId.Create(tenant.Value),
            IssuedAt = issuedAt,
            ExpiresAt = expiresAt,
        });
        return new MintedToken(jti, token, issuedAt, expiresAt);
    }
}
