using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace AxonFlow.Core.Licensing;

/// <summary>
/// The token's outer shape, <c>AXON-&lt;base64url(payload JSON)&gt;.&lt;base64url(Ed25519 signature)&gt;</c>, checked
/// before any JSON is looked at: prefix, length bound, exactly one '.', strict base64url, a 64-byte signature.
/// </summary>
public static class LicenseTokenFormat
{
    public const string Prefix = "AXON-";

    /// <summary>No honest token comes close; anything longer is refused before decoding.</summary>
    public const int MaxTokenLength = 8192;

    public const int SignatureLength = 64;

    /// <summary>64 bytes in unpadded base64url.</summary>
    public const int SignatureSegmentLength = 86;

    private const string LegacyHmacPrefix = "AXON-V2-";

    public static bool TrySplit(string? token, [NotNullWhen(true)] out LicenseTokenParts? parts, [NotNullWhen(false)] out string? error)
    {
        parts = null;
        if (!TryCheck(token, out var dot, out error))
        {
            return false;
        }

        var payloadSegment = token.AsSpan(Prefix.Length, dot - Prefix.Length);
        var signatureSegment = token.AsSpan(dot + 1);
        if (!Base64UrlStrict.TryDecode(payloadSegment, out var payload))
        {
            error = "its payload is not strict base64url (unpadded, '-' and '_', no whitespace)";
            return false;
        }

        if (!Base64UrlStrict.TryDecode(signatureSegment, out var signature) || signature.Length != SignatureLength)
        {
            error = "its signature is not 64 bytes of strict base64url";
            return false;
        }

        // Every character is base64url (checked above), so the signed text is ASCII.
        parts = new LicenseTokenParts(Encoding.ASCII.GetBytes(token, 0, dot), payload, signature);
        return true;
    }

    private static bool TryCheck([NotNullWhen(true)] string? token, out int dot, [NotNullWhen(false)] out string? error)
    {
        error = Problem(token, out dot);
        return error is null;
    }

    private static string? Problem(string? token, out int dot)
    {
        dot = -1;
        if (string.IsNullOrEmpty(token))
        {
            return "the token is empty";
        }

        if (token.Length > MaxTokenLength)
        {
            return $"the token is longer than {MaxTokenLength} characters";
        }

        if (!token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return $"the token does not start with '{Prefix}'";
        }

        dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0 && token.StartsWith(LegacyHmacPrefix, StringComparison.Ordinal))
        {
            return "legacy AXON-V2 (HMAC) keys are not supported; an Ed25519 license is required";
        }

        if (dot < 0 || token.IndexOf('.', dot + 1) >= 0)
        {
            return "the token must contain exactly one '.' between payload and signature";
        }

        if (dot == Prefix.Length)
        {
            return "the token has an empty payload";
        }

        return token.Length - dot - 1 != SignatureSegmentLength ? "its signature is not 64 bytes of strict base64url" : null;
    }
}
