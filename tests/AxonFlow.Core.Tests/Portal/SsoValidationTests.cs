using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AxonFlow.Core.Sso;

namespace AxonFlow.Core.Tests.Portal;

public sealed class SsoValidationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Saml_ExplicitFields_AreAccepted_AndTheCertificateIsSummarised()
    {
        var pem = Certificate(Now.AddDays(-1), Now.AddYears(1));

        Assert.True(SamlConfiguration.TryCreate(new SamlSettingsInput(null, null, "urn:idp", "https://idp.example.test/sso", pem), Now, out var config, out var error), error?.Message);

        Assert.Equal("urn:idp", config.EntityId);
        Assert.Equal("CN=idp.example.test", config.Certificate.Subject);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", config.CertificatePem, StringComparison.Ordinal);
    }

    [Fact]
    public void Saml_Metadata_SuppliesTheMissingFields_PreferringTheRedirectBinding()
    {
        var pem = Certificate(Now.AddDays(-1), Now.AddYears(1));
        var der = string.Concat(pem.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal)).Select(l => l.Trim()));
        var xml = $"""
            <EntitiesDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata">
              <EntityDescriptor entityID="https://sp.example.test"><SPSSODescriptor/></EntityDescriptor>
              <EntityDescriptor entityID="https://idp.example.test">
                <IDPSSODescriptor>
                  <KeyDescriptor use="encryption"><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>AAAA</X509Certificate></X509Data></KeyInfo></KeyDescriptor>
                  <KeyDescriptor><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>{der}</X509Certificate></X509Data></KeyInfo></KeyDescriptor>
                  <SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.example.test/post"/>
                  <SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.test/redirect"/>
                </IDPSSODescriptor>
              </EntityDescriptor>
            </EntitiesDescriptor>
            """;

        Assert.True(SamlConfiguration.TryCreate(new SamlSettingsInput("https://idp.example.test/metadata", xml, null, null, null), Now, out var config, out var error), error?.Message);

        Assert.Equal("https://idp.example.test", config.EntityId);
        Assert.Equal("https://idp.example.test/redirect", config.SsoUrl);
        Assert.Equal("https://idp.example.test/metadata", config.MetadataUrl);
    }

    [Fact]
    public void Saml_MetadataWithADtd_IsRefusedBeforeAnyEntityIsResolved()
    {
        const string xml = "<!DOCTYPE md [<!ENTITY x SYSTEM \"file:///etc/hostname\">]><md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"&x;\"/>";

        Assert.False(SamlConfiguration.TryCreate(new SamlSettingsInput(null, xml, null, null, null), Now, out _, out var error));

        Assert.Equal("saml.metadata_xml", error.Field);
    }

    [Fact]
    public void Saml_ExpiredCertificate_IsRefused()
    {
        var pem = Certificate(Now.AddYears(-2), Now.AddDays(-1));

        Assert.False(SamlConfiguration.TryCreate(new SamlSettingsInput(null, null, "urn:idp", "https://idp.example.test/sso", pem), Now, out _, out var error));

        Assert.Equal("saml.certificate", error.Field);
    }

    [Theory]
    [InlineData("https://login.example.test/tenant/v2.0", "c", "s", null, null)]
    [InlineData("https://login.example.test/", "c", "s", null, null)]
    [InlineData("https://login.example.test", "c", null, null, "oidc.client_secret")]
    [InlineData("https://user:pw@login.example.test", "c", "s", null, "oidc.issuer")]
    [InlineData("https://login.example.test#frag", "c", "s", null, "oidc.issuer")]
    [InlineData("https://login.example.test", "", "s", null, "oidc.client_id")]
    [InlineData("https://login.example.test", "c", "s", "openid bad scope", "oidc.scopes")]
    public void Oidc_ValidationNamesTheField(string issuer, string clientId, string? secret, string? scope, string? field)
    {
        var input = new OidcSettingsInput(issuer, clientId, secret, scope is null ? null : [scope]);

        var valid = OidcConfiguration.TryCreate(input, secretStored: false, out var config, out var error);

        Assert.Equal(field is null, valid);
        Assert.Equal(field, error?.Field);
        if (valid)
        {
            Assert.Equal(issuer, config!.Issuer);
        }
    }

    [Fact]
    public void Oidc_UpdateWithoutASecret_IsAcceptedWhenOneIsStored()
    {
        Assert.True(OidcConfiguration.TryCreate(new OidcSettingsInput("https://login.example.test", "c", null, null), secretStored: true, out _, out _));
    }

    private static string Certificate(DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest("CN=idp.example.test", key, HashAlgorithmName.SHA256).CreateSelfSigned(notBefore, notAfter);
        return certificate.ExportCertificatePem();
    }
}
