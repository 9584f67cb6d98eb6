using System.Buffers.Text;
using System.Text;

namespace AxonFlow.Core.Identity;

/// <summary>The <c>clientId:clientSecret</c> pair of an HTTP Basic <c>Authorization</c> header.</summary>
public sealed record BasicCredentials(string ClientId, string Secret)
{
    /// <summary>Longer headers are refused before decoding: no legitimate id and secret come close.</summary>
    public const int MaxHeaderLength = 4096;

    private const string Scheme = "Basic ";

    /// <summary>Parses an <c>Authorization</c> header value; returns a reason instead of throwing when it is malformed.</summary>
    public static BasicCredentialsParse Parse(string? headerValue)
    {
        if (string.IsNullOrWhiteSpace(headerValue))
        {
            return new BasicCredentialsParse.Absent();
        }

        if (headerValue.Length > MaxHeaderLength)
        {
            return new BasicCredentialsParse.Malformed("Authorization header is too long");
        }

        if (!headerValue.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return new BasicCredentialsParse.Malformed("Authorization header must use the Basic scheme");
        }

        var encoded = headerValue.AsSpan(Scheme.Length).Trim();
        var buffer = new byte[Base64.GetMaxDecodedFromUtf8Length(encoded.Length)];
        if (!Convert.TryFromBase64Chars(encoded, buffer, out var written))
        {
            return new BasicCredentialsParse.Malformed("Authorization header is not valid base64");
        }

        string decoded;
        try
        {
            decoded = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(buffer, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return new BasicCredentialsParse.Malformed("Authorization header is not valid UTF-8");
        }

        var separator = decoded.IndexOf(':', StringComparison.Ordinal);
        if (separator < 0)
        {
            return new BasicCredentialsParse.Malformed("Authorization header must encode clientId:clientSecret");
        }

        var clientId = decoded[..separator];
        if (clientId.Length == 0)
        {
            return new BasicCredentialsParse.Malformed("Authorization header has an empty client id");
        }

        return new BasicCredentialsParse.Present(new BasicCredentials(clientId, decoded[(separator + 1)..]));
    }

    public override string ToString() => $"BasicCredentials {{ ClientId = {ClientId}, Secret = *** }}";
}

/// <summary>The outcome of reading a Basic header: nothing sent, something unusable, or a pair to verify.</summary>
public abstract record BasicCredentialsParse
{
    private BasicCredentialsParse()
    {
    }

    public sealed record Absent : BasicCredentialsParse;

    public sealed record Malformed(string Reason) : BasicCredentialsParse;

    public sealed record Present(BasicCredentials Credentials) : BasicCredentialsParse;
}
