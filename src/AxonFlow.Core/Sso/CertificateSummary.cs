using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AxonFlow.Core.Sso;

/// <summary>What an operator needs to recognise a signing certificate, without handling the certificate itself.</summary>
public sealed record CertificateSummary(string Subject, string Issuer, DateTimeOffset NotBefore, DateTimeOffset NotAfter, string Sha256Thumbprint)
{
    public static CertificateSummary Of(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new CertificateSummary(
            certificate.Subject,
            certificate.Issuer,
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            Convert.ToHexStringLower(certificate.GetCertHash(HashAlgorithmName.SHA256)));
    }
}
