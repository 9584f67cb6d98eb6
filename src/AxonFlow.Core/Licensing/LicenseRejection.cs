namespace AxonFlow.Core.Licensing;

/// <summary>Why a token was refused. <see cref="LicenseRejections.ToCode"/> gives the stable snake_case code.</summary>
public enum LicenseRejection
{
    /// <summary>Not a token: prefix, length, separator, base64url or signature length is wrong.</summary>
    Malformed,

    /// <summary>The payload names a <c>kid</c> the keyring does not hold.</summary>
    UnknownKey,

    /// <summary>The signature does not verify with the key the <c>kid</c> selects.</summary>
    BadSignature,

    /// <summary>Signed, but the payload is not a valid license (missing or ill-typed claims, unknown tier or aud).</summary>
    InvalidPayload,

    /// <summary>Its <c>aud</c> is not in this context's accept list (e.g. a SaaS plugin token used as a deployment license).</summary>
    CrossQuadrant,

    /// <summary><c>nbf</c> (or <c>issued_at</c>) is in the future.</summary>
    NotYetValid,

    /// <summary><c>expires_at</c> (plus this context's grace) has passed.</summary>
    Expired,
}

public static class LicenseRejections
{
    public static string ToCode(this LicenseRejection rejection) => rejection switch
    {
        LicenseRejection.Malformed => "malformed",
        LicenseRejection.UnknownKey => "unknown_kid",
        LicenseRejection.BadSignature => "bad_signature",
        LicenseRejection.InvalidPayload => "invalid_payload",
        LicenseRejection.CrossQuadrant => "cross_quadrant",
        LicenseRejection.NotYetValid => "not_yet_valid",
        LicenseRejection.Expired => "expired",
        _ => throw new ArgumentOutOfRangeException(nameof(rejection), rejection, null),
    };
}
