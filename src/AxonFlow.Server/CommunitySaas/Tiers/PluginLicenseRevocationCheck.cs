using AxonFlow.Core.CommunitySaas;
using AxonFlow.Core.Identity;
using AxonFlow.Core.Licensing;
using AxonFlow.Postgres.CommunitySaas.Tiers;
using AxonFlow.Postgres.OrgScoping;
using AxonFlow.Server.Licensing;

namespace AxonFlow.Server.CommunitySaas.Tiers;

/// <summary>
/// Community SaaS: a plugin token counts only while its tenant holds an active <c>plugin_user_licenses</c> row (same
/// jti and tier, not revoked, not expired). Read in the tenant's org scope on every validation, without a cache, so a
/// refund or chargeback (<c>revoked_at</c> set) refuses the very next request with 401 <c>license_revoked</c>. The
/// token's <c>tenant_id</c> is the tenant (org = client = tenant id); the validator has already checked that it is
/// the client that authenticated.
/// </summary>
internal sealed class PluginLicenseRevocationCheck(OrgScope orgScope, TimeProvider timeProvider) : ILicenseRevocationCheck
{
    public async ValueTask<bool> IsRevokedAsync(LicensePayload payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.Jti is not { } jti
            || payload.TenantId is not { } tenant
            || !CommunitySaasTiers.TryFromLicense(payload.Tier, out var tier)
            || !OrgId.TryCreate(tenant.Value, out var org))
        {
            return true;
        }

        var now = timeProvider.GetUtcNow();
        var active = await orgScope.RunAsync(
            org.Value,
            (session, token) => ActivePluginLicense.ExistsAsync(session, jti, tier.ToWireName(), now, token),
            cancellationToken);
        return !active;
    }
}
