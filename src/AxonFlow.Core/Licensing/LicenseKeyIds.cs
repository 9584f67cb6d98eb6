using System.Security.Cryptography;

namespace AxonFlow.Core.Licensing;

/// <summary>Key ids (<c>kid</c>): short printable names a keyring maps to public keys.</summary>
public static class LicenseKeyIds
{
    public const int MaxLength = 64;

    public const string Description = "1-64 characters of letters, digits, '.', '_' or '-'";

    public static bool IsValid(ReadOnlySpan<char> kid)
    {
        if (kid.IsEmpty || kid.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in kid)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The kid a bare public key gets: <c>axk-</c> and the first 8 bytes of its SHA-256, in hex.</summary>
    public static string Derive(ReadOnlySpan<byte> publicKey) => "axk-" + Convert.ToHexStringLower(SHA256.HashData(publicKey).AsSpan(0, 8));
}
