using AxonFlow.Postgres.Billing;
using AxonFlow.Postgres.Connections;
using AxonFlow.Postgres.Licensing;
using Npgsql;

namespace AxonFlow.Server.Billing;

/// <summary>
/// Also puts a refunded license's jti into the global <c>revoked_license_tokens</c> when the platform-admin pool is
/// configured (the app role may not write it). Best effort: the revoked <c>plugin_user_licenses</c> row is what counts.
/// </summary>
internal sealed class LicenseDenylist(AxonFlowDataSources dataSources, ILogger<LicenseDenylist> logger)
{
    public async Task AddAsync(string jti, CancellationToken cancellationToken)
    {
        if (dataSources.PlatformAdmin is not { } admin)
        {
            return;
        }

        try
        {
            await RevokedLicenseStore.RevokeAsync(admin, jti, StripeBillingStore.RefundReason, cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            BillingLog.DenylistFailed(logger, jti, ex.GetType().Name);
        }
    }
}
