using System.Xml;
using System.Xml.Linq;

namespace AxonFlow.Core.Sso;

/// <summary>
/// The three values the agent needs from an identity provider's SAML 2.0 metadata: its entityID, the SingleSignOnService
/// location (HTTP-Redirect preferred, then HTTP-POST) and the signing certificate. DTDs and external entities are refused.
/// </summary>
internal sealed record SamlMetadata(string? EntityId, string? SsoUrl, string? Certificate)
{
    private const int MaxCharacters = 1_000_000;
    private static readonly XNamespace Md = "urn:oasis:names:tc:SAML:2.0:metadata";
    private static readonly XNamespace Ds = "http://www.w3.org/2000/09/xmldsig#";

    public static SamlMetadata? TryRead(string xml, out string? problem)
    {
        problem = null;
        XDocument document;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxCharacters };
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            problem = $"is not well-formed XML (line {ex.LineNumber}, position {ex.LinePosition})";
            return null;
        }

        var entity = document.Descendants(Md + "EntityDescriptor").FirstOrDefault(e => e.Element(Md + "IDPSSODescriptor") is not null);
        if (entity is null)
        {
            problem = "has no md:EntityDescriptor with an md:IDPSSODescriptor (is this identity-provider metadata?)";
            return null;
        }

        var idp = entity.Element(Md + "IDPSSODescriptor")!;
        var services = idp.Elements(Md + "SingleSignOnService").ToList();
        var sso = services.FirstOrDefault(s => Binding(s).EndsWith(":HTTP-Redirect", StringComparison.Ordinal))
            ?? services.FirstOrDefault(s => Binding(s).EndsWith(":HTTP-POST", StringComparison.Ordinal))
            ?? services.FirstOrDefault();
        var signing = idp.Elements(Md + "KeyDescriptor")
            .Where(k => (string?)k.Attribute("use") is null or "signing")
            .SelectMany(k => k.Descendants(Ds + "X509Certificate"))
            .FirstOrDefault();
        return new SamlMetadata((string?)entity.Attribute("entityID"), (string?)sso?.Attribute("Location"), signing?.Value);
    }

    private static string Binding(XElement service) => (string?)service.Attribute("Binding") ?? string.Empty;
}
