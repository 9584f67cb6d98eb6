using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AxonFlow.Core.Sso;

/// <summary>Reads an X.509 certificate given as PEM or as the bare base64 DER found in SAML metadata.</summary>
internal static class CertificateText
{
    private const int MaxLength = 16 * 1024;

    public static bool TryParse(string text, [NotNullWhen(true)] out X509Certificate2? certificate)
    {
        certificate = null;
        if (text.Length > MaxLength)
        {
            return false;
        }

        var body = text.Replace("-----BEGIN CERTIFICATE-----", string.Empty, StringComparison.Ordinal)
            .Replace("-----END CERTIFICATE-----", string.Empty, StringComparison.Ordinal);
        var compact = string.Concat(body.Where(c => !char.IsWhiteSpace(c)));
        var der = new byte[compact.Length];
        if (compact.Length == 0 || !Convert.TryFromBase64String(compact, der, out var written))
        {
            return false;
        }

        try
        {
            certificate = X509CertificateLoader.LoadCertificate(der.AsSpan(0, written));
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
