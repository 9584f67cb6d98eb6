using AxonFlow.Core.Identity;
using AxonFlow.Core.Licensing;
using AxonFlow.Server.Configuration;

namespace AxonFlow.Server.Licensing;

/// <summary>
/// Reads and validates the deployment license at start-up: required in <c>enterprise</c> mode, optional (but validated
/// when present) elsewhere. Each problem is one line naming the variable and never containing the token.
/// </summary>
internal static class DeploymentLicenseReader
{
    public static DeploymentLicense? Read(Func<string, string?> value, DeploymentMode mode, TimeProvider timeProvider, List<string> errors)
    {
        var token = value(SettingNames.LicenseKey);
        var keysSpec = value(SettingNames.LicensePublicKeys);
        LicenseKeyring? keyring = null;
        if (keysSpec is not null && !LicenseKeyring.TryParse(keysSpec, out keyring, out var keyError))
        {
            errors.Add($"{SettingNames.LicensePublicKeys} is not usable: {keyError}.");
            return null;
        }

        if (token is null)
        {
            if (mode == DeploymentMode.Enterprise)
            {
                errors.Add($"{SettingNames.LicenseKey} is required when {SettingNames.DeploymentMode}=enterprise: the deployment license fixes the organization, the tier and the node limit (docs/licensing.md).");
            }

            return null;
        }

        if (keyring is null)
        {
            errors.Add($"{SettingNames.LicensePublicKeys} is required to verify {SettingNames.LicenseKey}: set it to kid=base64 of the issuer's Ed25519 public key (this build embeds no AxonFlow key).");
            return null;
        }

        var validation = new LicenseValidator(keyring, timeProvider).Validate(token, LicenseValidationContext.SelfHostedDeployment);
        switch (validation)
        {
            case LicenseValidation.Valid valid:
                return new DeploymentLicense(token, valid.Payload, valid.GraceEndsAt);
            case LicenseValidation.Invalid invalid:
                errors.Add($"{SettingNames.LicenseKey} is not a valid deployment license ({invalid.Reason.ToCode()}): {invalid.Message}.");
                return null;
            default:
                throw new InvalidOperationException("Unknown license validation outcome.");
        }
    }

    /// <summary>
    /// The licensed organization becomes the deployment organization. An <c>ORG_ID</c> that names another one is a
    /// contradiction the operator must resolve; it is refused rather than guessed.
    /// </summary>
    public static OrgId Reconcile(DeploymentLicense license, string? orgIdValue, OrgId configured, List<string> errors)
    {
        var licensed = license.Payload.LicensedOrg!.Value;
        if (orgIdValue is not null && configured != licensed)
        {
            errors.Add($"{SettingNames.OrgId} is '{configured}' but {SettingNames.LicenseKey} licenses organization '{licensed}': unset {SettingNames.OrgId} or set it to '{licensed}'.");
        }

        return licensed;
    }
}
