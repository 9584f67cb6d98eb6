using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AxonFlow.IntegrationTests.Portal;

/// <summary>Self-signed identity-provider signing certificates, valid around a given instant.</summary>
internal static class TestCertificates
{
    public static string Pem(DateTimeOffset notBefore, DateTimeOffset notAfter, string subject = "CN=idp.example.test")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);
        return certificate.ExportCertificatePem();
    }

    /// <summary>The base64 DER inside the PEM, as SAML metadata carries it.</summary>
    public static string Base64(string pem) => string.Concat(pem.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal)).Select(l => l.Trim()));

    public static string Metadata(string entityId, string ssoUrl, string pem) => $"""
        <?xml version="1.0"?>
        <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="{entityId}">
          <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
            <md:KeyDescriptor use="signing">
              <ds:KeyInfo><ds:X509Data><ds:X509Certificate>{Base64(pem)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>
            </md:KeyDescriptor>
            <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="{ssoUrl}/post"/>
            <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="{ssoUrl}"/>
          </md:IDPSSODescriptor>
        </md:EntityDescriptor>
        """;
}
