namespace AxonFlow.Core.Licensing;

/// <summary>Mints tokens: the payload JSON, base64url, then an Ed25519 signature over <c>AXON-&lt;payload segment&gt;</c>.</summary>
public static class LicenseIssuer
{
    public static string Issue(LicenseSigningKey key, LicensePayload payload)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(payload);
        if (!string.Equals(payload.Kid, key.Kid, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The payload names kid '{payload.Kid}' but the signing key is '{key.Kid}'.", nameof(payload));
        }

        var signedText = LicenseTokenFormat.Prefix + Base64UrlStrict.Encode(LicensePayloadWriter.Write(payload));
        var signature = key.Sign(System.Text.Encoding.ASCII.GetBytes(signedText));
        var token = signedText + "." + Base64UrlStrict.Encode(signature);
        return token.Length <= LicenseTokenFormat.MaxTokenLength
            ? token
            : throw new ArgumentException($"The token would be longer than {LicenseTokenFormat.MaxTokenLength} characters.", nameof(payload));
    }
}
