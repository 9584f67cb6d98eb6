using System.Globalization;

namespace AxonFlow.Core.Licensing;

/// <summary>
/// Verifies a token and applies one context's rules: its <c>aud</c> accept list (missing <c>aud</c> counts as
/// <c>axonflow.self_hosted.full</c>), a licensed organization for deployment licenses, <c>nbf</c>/<c>issued_at</c> not in
/// the future, and <c>expires_at</c> plus the context's grace not past.
/// </summary>
public sealed class LicenseValidator(LicenseKeyring keyring, TimeProvider timeProvider)
{
    private readonly LicenseVerifier _verifier = new(keyring);

    public LicenseValidation Validate(string? token, LicenseValidationContext context)
    {
        var verification = _verifier.Verify(token);
        if (verification is LicenseVerification.Failed failed)
        {
            return new LicenseValidation.Invalid(failed.Reason, failed.Message);
        }

        var payload = ((LicenseVerification.Verified)verification).Payload;
        return Apply(payload, context, timeProvider.GetUtcNow());
    }

    /// <summary>The context and time rules alone, for a payload that has already been verified.</summary>
    public static LicenseValidation Apply(LicensePayload payload, LicenseValidationContext context, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var audience = payload.EffectiveAudience;
        if (!context.Accepts(audience))
        {
            var claimed = payload.Audience is null ? $"it has no aud (treated as {audience.Value})" : $"its aud is {audience.Value}";
            return new LicenseValidation.Invalid(
                LicenseRejection.CrossQuadrant,
                $"{claimed}, which {context.Describe()} does not accept (it accepts {string.Join(", ", context.AcceptList().Select(a => a.Value))})");
        }

        if (context == LicenseValidationContext.SelfHostedDeployment && payload.LicensedOrg is null)
        {
            return new LicenseValidation.Invalid(LicenseRejection.InvalidPayload, "it names no licensed organization (deployment_id, or org_id in a v2 payload)");
        }

        if (payload.NotBefore is { } notBefore && notBefore > now + LicenseContexts.ClockSkew)
        {
            return new LicenseValidation.Invalid(LicenseRejection.NotYetValid, $"it is not valid before {LicenseDates.Format(notBefore)} (nbf)");
        }

        if (payload.IssuedAt is { } issuedAt && issuedAt > now + LicenseContexts.ClockSkew)
        {
            return new LicenseValidation.Invalid(LicenseRejection.NotYetValid, $"it is issued in the future ({LicenseDates.Format(issuedAt)}); check this host's clock");
        }

        var grace = context.ExpiryGrace();
        var graceEndsAt = payload.ExpiresAt + grace;
        if (now > graceEndsAt)
        {
            var message = grace > TimeSpan.Zero
                ? $"it expired at {LicenseDates.Format(payload.ExpiresAt)} and its {grace.TotalDays.ToString(CultureInfo.InvariantCulture)}-day grace ended at {LicenseDates.Format(graceEndsAt)}"
                : $"it expired at {LicenseDates.Format(payload.ExpiresAt)}";
            return new LicenseValidation.Invalid(LicenseRejection.Expired, message);
        }

        return new LicenseValidation.Valid(payload, now > payload.ExpiresAt, graceEndsAt);
    }
}
