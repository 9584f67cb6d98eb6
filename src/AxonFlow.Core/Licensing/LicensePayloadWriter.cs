using System.Text.Json;

namespace AxonFlow.Core.Licensing;

/// <summary>Serialises a payload for signing: compact JSON, claims in a fixed order, absent claims omitted.</summary>
public static class LicensePayloadWriter
{
    public static byte[] Write(LicensePayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("v", payload.Version);
            WriteIfPresent(json, "jti", payload.Jti);
            json.WriteString("kid", payload.Kid);
            json.WriteString("tier", payload.Tier.ToWireName());
            WriteIfPresent(json, "aud", payload.Audience?.Value);
            WriteIfPresent(json, "deployment_id", payload.DeploymentId?.Value);
            WriteIfPresent(json, "org_id", payload.LegacyOrgId?.Value);
            WriteIfPresent(json, "tenant_id", payload.TenantId?.Value);
            WriteIfPresent(json, "issued_at", payload.IssuedAt is { } issued ? LicenseDates.Format(issued) : null);
            WriteIfPresent(json, "nbf", payload.NotBefore is { } notBefore ? LicenseDates.Format(notBefore) : null);
            json.WriteString("expires_at", LicenseDates.Format(payload.ExpiresAt));
            if (payload.MaxNodes is { } maxNodes)
            {
                json.WriteNumber("max_nodes", maxNodes);
            }

            if (payload.Features.Count > 0)
            {
                json.WriteStartArray("features");
                foreach (var feature in payload.Features)
                {
                    json.WriteStringValue(feature);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteIfPresent(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
