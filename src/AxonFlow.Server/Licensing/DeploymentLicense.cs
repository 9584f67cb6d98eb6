using AxonFlow.Core.Licensing;

namespace AxonFlow.Server.Licensing;

/// <summary>
/// The deployment license as validated once at start-up (<c>AXONFLOW_LICENSE_KEY</c>). The token is kept only so
/// enterprise callers may present it as their Basic-auth secret; it is never printed.
/// </summary>
public sealed record DeploymentLicense(string Token, LicensePayload Payload, DateTimeOffset GraceEndsAt)
{
    public override string ToString() =>
        $"DeploymentLicense {{ Tier = {Payload.Tier.ToWireName()}, Org = {Payload.LicensedOrg}, ExpiresAt = {LicenseDates.Format(Payload.ExpiresAt)} }}";
}
