using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace AxonFlow.Core.CommunitySaas;

/// <summary>What a split token authorises; part of the hashed input, so a token of one kind is never accepted as another.</summary>
public enum SplitTokenKind
{
    /// <summary>A credential-recovery magic link.</summary>
    Recovery,

    /// <summary>A GDPR tenant-erasure confirmation.</summary>
    TenantDelete,
}

/// <summary>
/// A single-use token in two halves (the split-token pattern): the <see cref="Selector"/> is stored in clear and finds the
/// row; the <see cref="Verifier"/> (32 random bytes) is stored only as a peppered HMAC, so a database read yields no usable
/// token and the lookup itself never compares a secret. Wire form: <c>selector.verifier</c>, both base64url.
/// </summary>
public sealed record SplitToken
{
    public const int SelectorBytes = 16;

    public const int VerifierBytes = 32;

    private static readonly int SelectorChars = Base64UrlLength(SelectorBytes);

    private static readonly int VerifierChars = Base64UrlLength(VerifierBytes);

    private SplitToken(string selector, string verifier)
    {
        Selector = selector;
        Verifier = verifier;
    }

    public string Selector { get; }

    public string Verifier { get; }

    /// <summary>The length of <see cref="Value"/>; anything else is not a token.</summary>
    public static int WireLength => SelectorChars + 1 + VerifierChars;

    /// <summary>What the recipient holds (and the only form ever shown): <c>selector.verifier</c>.</summary>
    public string Value => Selector + "." + Verifier;

    public static SplitToken New() =>
        new(System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SelectorBytes)),
            System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(VerifierBytes)));

    /// <summary>Strict parse: exact lengths, one dot, base64url characters only (no padding).</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out SplitToken? token)
    {
        token = null;
        if (value is null || value.Length != WireLength || value[SelectorChars] != '.')
        {
            return false;
        }

        var selector = value[..SelectorChars];
        var verifier = value[(SelectorChars + 1)..];
        if (!IsBase64Url(selector) || !IsBase64Url(verifier)
            || !System.Buffers.Text.Base64Url.IsValid(selector) || !System.Buffers.Text.Base64Url.IsValid(verifier))
        {
            return false;
        }

        token = new SplitToken(selector, verifier);
        return true;
    }

    /// <summary>Never the verifier: records print without their secret half.</summary>
    public override string ToString() => $"SplitToken {{ Selector = {Selector} }}";

    private static bool IsBase64Url(string value)
    {
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static int Base64UrlLength(int bytes) => (int)Math.Ceiling(bytes * 4 / 3.0);
}

/// <summary>
/// Hashes and checks split tokens: <c>HMAC-SHA256(pepper, kind || 0x00 || selector || 0x00 || verifier)</c>. The kind is in
/// the input (one token cannot be replayed as another kind), the selector too (a verifier cannot be moved to another row),
/// and the check is constant-time.
/// </summary>
public sealed class SplitTokenHasher
{
    private readonly byte[] _pepper;

    public SplitTokenHasher(ReadOnlySpan<byte> pepper)
    {
        if (pepper.Length < Credentials.CredentialHasher.MinimumKeyBytes)
        {
            throw new ArgumentException($"The token pepper must be at least {Credentials.CredentialHasher.MinimumKeyBytes} bytes.", nameof(pepper));
        }

        _pepper = pepper.ToArray();
    }

    /// <summary>
    /// A pepper derived from another server key for one purpose (when no dedicated pepper is configured), so the derived
    /// pepper is independent of every other use of that key.
    /// </summary>
    public static byte[] DerivePepper(ReadOnlySpan<byte> key, string purpose)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        return HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("axonflow.split-token-pepper.v1:" + purpose));
    }

    public static string WireName(SplitTokenKind kind) => kind switch
    {
        SplitTokenKind.Recovery => "recovery",
        SplitTokenKind.TenantDelete => "tenant-delete",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public byte[] Hash(SplitTokenKind kind, SplitToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return HMACSHA256.HashData(_pepper, Encoding.ASCII.GetBytes(WireName(kind) + "\0" + token.Selector + "\0" + token.Verifier));
    }

    /// <summary>Whether <paramref name="token"/> of <paramref name="kind"/> produced <paramref name="storedHash"/>, in constant time.</summary>
    public bool Matches(SplitTokenKind kind, SplitToken token, ReadOnlySpan<byte> storedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(kind, token), storedHash);
}
