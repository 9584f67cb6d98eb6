namespace AxonFlow.Core.Licensing;

/// <summary>
/// Signature-level verification in a fixed order: strict structure, the payload's <c>kid</c> selects a keyring key
/// (unknown → refused), the Ed25519 signature over the exact signed bytes, and only then the payload JSON. Never throws
/// for bad input.
/// </summary>
public sealed class LicenseVerifier(LicenseKeyring keyring)
{
    public LicenseVerification Verify(string? token)
    {
        if (!LicenseTokenFormat.TrySplit(token, out var parts, out var formatError))
        {
            return new LicenseVerification.Failed(LicenseRejection.Malformed, $"not a license token: {formatError}");
        }

        if (!LicenseKidReader.TryRead(parts.Payload, out var kid, out var kidError))
        {
            return new LicenseVerification.Failed(LicenseRejection.Malformed, $"not a license token: {kidError}");
        }

        if (!keyring.TryGet(kid, out var publicKey))
        {
            return new LicenseVerification.Failed(LicenseRejection.UnknownKey, $"it is signed with key '{kid}', which is not among the configured public keys");
        }

        if (!Ed25519Verifier.Verify(publicKey, parts.SignedBytes, parts.Signature))
        {
            return new LicenseVerification.Failed(LicenseRejection.BadSignature, $"its signature does not verify with key '{kid}' (the token was altered or signed by another key)");
        }

        if (!LicensePayloadReader.TryRead(parts.Payload, out var payload, out var payloadError))
        {
            return new LicenseVerification.Failed(LicenseRejection.InvalidPayload, $"its signed payload is not a valid license: {payloadError}");
        }

        return string.Equals(payload.Kid, kid, StringComparison.Ordinal)
            ? new LicenseVerification.Verified(payload)
            : new LicenseVerification.Failed(LicenseRejection.InvalidPayload, "its signed payload is not a valid license: kid is ambiguous");
    }
}
