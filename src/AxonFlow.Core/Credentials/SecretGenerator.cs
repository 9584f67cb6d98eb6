using System.Security.Cryptography;

namespace AxonFlow.Core.Credentials;

/// <summary>High-entropy secrets for credentials and generated database passwords.</summary>
public static class SecretGenerator
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A credential secret: <c>axf_</c> and 43 base62 characters (about 256 bits).</summary>
    public static string NewClientSecret() => "axf_" + RandomString(43);

    /// <summary>A password made only of letters and digits, so it survives URLs, shells and connection strings unescaped.</summary>
    public static string NewPassword() => RandomString(40);

    public static string RandomString(int length) => RandomNumberGenerator.GetString(Alphabet, length);

    /// <summary>The non-secret prefix shown in listings so an operator can tell credentials apart.</summary>
    public static string PrefixOf(string secret) => secret.Length <= 12 ? string.Empty : secret[..12];
}
