using System.Diagnostics.CodeAnalysis;

namespace AxonFlow.Core.Sso;

/// <summary>
/// A validated SAML 2.0 identity provider: entityID, an https SingleSignOnService URL and a signing certificate that parses
/// as X.509 and has not expired. Values given explicitly win over the ones read from pasted metadata.
/// </summary>
public sealed record SamlConfiguration(string EntityId, string SsoUrl, string? MetadataUrl, string CertificatePem, CertificateSummary Certificate)
{
    private const int MaxEntityIdLength = 1024;
    private const int MaxMetadataLength = 1_000_000;

    public static bool TryCreate(SamlSettingsInput input, DateTimeOffset now, [NotNullWhen(true)] out SamlConfiguration? configuration, [NotNullWhen(false)] out SsoFieldError? error)
    {
        ArgumentNullException.ThrowIfNull(input);
        configuration = null;
        var metadataUrl = Blank(input.MetadataUrl);
        if (metadataUrl is not null && HttpsUrl.Problem(metadataUrl, allowQuery: true) is { } urlProblem)
        {
            error = new SsoFieldError("saml.metadata_url", urlProblem);
            return false;
        }

        SamlMetadata? metadata = null;
        if (Blank(input.MetadataXml) is { } xml)
        {
            if (xml.Length > MaxMetadataLength)
            {
                error = new SsoFieldError("saml.metadata_xml", $"must be at most {MaxMetadataLength} characters");
                return false;
            }

            metadata = SamlMetadata.TryRead(xml, out var xmlProblem);
            if (metadata is null)
            {
                error = new SsoFieldError("saml.metadata_xml", xmlProblem!);
                return false;
            }
        }

        var entityId = Blank(input.EntityId) ?? Blank(metadata?.EntityId);
        var ssoUrl = Blank(input.SsoUrl) ?? Blank(metadata?.SsoUrl);
        var certificateText = Blank(input.Certificate) ?? Blank(metadata?.Certificate);
        var source = metadata is null ? string.Empty : " (or in saml.metadata_xml)";
        error = (entityId, ssoUrl, certificateText) switch
        {
            (null, _, _) => new SsoFieldError("saml.entity_id", $"is required{source}; the agent does not fetch saml.metadata_url, paste saml.metadata_xml instead"),
            ({ Length: > MaxEntityIdLength }, _, _) => new SsoFieldError("saml.entity_id", $"must be at most {MaxEntityIdLength} characters"),
            (_, null, _) => new SsoFieldError("saml.sso_url", $"is required{source}"),
            (_, _, null) => new SsoFieldError("saml.certificate", $"is required{source}"),
            _ => HttpsUrl.Problem(ssoUrl, allowQuery: true) is { } problem ? new SsoFieldError("saml.sso_url", problem) : null,
        };
        if (error is not null)
        {
            return false;
        }

        if (!CertificateText.TryParse(certificateText!, out var certificate))
        {
            error = new SsoFieldError("saml.certificate", "must be an X.509 certificate (PEM or base64 DER)");
            return false;
        }

        using (certificate)
        {
            var summary = CertificateSummary.Of(certificate);
            if (summary.NotAfter <= now)
            {
                error = new SsoFieldError("saml.certificate", $"expired on {summary.NotAfter:yyyy-MM-dd}");
                return false;
            }

            configuration = new SamlConfiguration(entityId!, ssoUrl!, metadataUrl, certificate.ExportCertificatePem(), summary);
            return true;
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
