using AxonFlow.Core.Licensing;
using AxonFlow.Postgres.Licensing;

namespace AxonFlow.Server.Licensing;

/// <summary>A token is revoked when its <c>jti</c> is in <c>revoked_license_tokens</c>.</summary>
internal sealed class DenylistRevocationCheck(RevokedLicenseStore store) : ILicenseRevocationCheck
{
    public async ValueTask<bool> IsRevokedAsync(LicensePayload payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return payload.Jti is { } jti && await store.IsRevokedAsync(jti, cancellationToken);
    }
}
