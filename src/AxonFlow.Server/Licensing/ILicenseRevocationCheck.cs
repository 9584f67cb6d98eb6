using AxonFlow.Core.Licensing;

namespace AxonFlow.Server.Licensing;

/// <summary>
/// Whether a verified token has been revoked (refund, chargeback, dispute). Called on every validation with no caching,
/// so a revocation takes effect on the next request. The built-in check reads the global <c>revoked_license_tokens</c>
/// denylist; Community SaaS adds its own (the active <c>plugin_user_licenses</c> row) by registering another implementation.
/// </summary>
public interface ILicenseRevocationCheck
{
    ValueTask<bool> IsRevokedAsync(LicensePayload payload, CancellationToken cancellationToken);
}
