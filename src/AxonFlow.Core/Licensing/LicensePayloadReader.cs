using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using AxonFlow.Core.Identity;

namespace AxonFlow.Core.Licensing;

/// <summary>
/// Parses a payload whose signature has verified: one JSON object, no repeated claims, shallow, every known claim of
/// the right type and shape. Unknown claims are ignored (they are signed, and older issuers wrote extra ones).
/// </summary>
public static class LicensePayloadReader
{
    private static readonly JsonDocumentOptions Options = new() { AllowDuplicateProperties = false, MaxDepth = 4 };

    public static bool TryRead(ReadOnlyMemory<byte> json, [NotNullWhen(true)] out LicensePayload? payload, [NotNullWhen(false)] out string? error)
    {
        payload = null;
        try
        {
            using var document = JsonDocument.Parse(json, Options);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = "the payload is not a JSON object";
                return false;
            }

            var claims = new Claims(document.RootElement);
            payload = Build(claims);
            error = claims.Error;
            return error is null;
        }
        catch (JsonException)
        {
            error = "the payload is not valid JSON, or repeats a claim";
            payload = null;
            return false;
        }
    }

    private static LicensePayload? Build(Claims claims)
    {
        var version = claims.Int("v", 1, 100);
        var jti = claims.String("jti");
        var kid = claims.String("kid");
        var tierText = claims.String("tier");
        var audText = claims.String("aud");
        var deploymentText = claims.String("deployment_id");
        var orgText = claims.String("org_id");
        var tenantText = claims.String("tenant_id");
        var issuedAt = claims.Date("issued_at", endOfDay: false);
        var notBefore = claims.Date("nbf", endOfDay: false);
        var expiresAt = claims.Date("expires_at", endOfDay: true);
        var maxNodes = claims.Int("max_nodes", 1, 1_000_000);
        var features = claims.StringArray("features", LicenseFeatures.MaxCount);
        if (claims.Error is not null)
        {
            return null;
        }

        var effectiveVersion = version ?? (deploymentText is null ? 2 : 3);
        LicenseTier tier = default;
        LicenseAudience? audience = null;
        OrgId? deploymentId = null;
        OrgId? legacyOrgId = null;
        ClientId? tenantId = null;
        var failure =
            effectiveVersion is not (2 or 3) ? $"payload version v={effectiveVersion} is not supported (2 or 3)"
            : kid is null ? "the payload names no kid"
            : tierText is null ? "the payload names no tier"
            : !LicenseTiers.TryParse(tierText, out tier) ? $"tier '{Printable(tierText)}' is not one of {LicenseTiers.AllowedNames}"
            : audText is { Length: > 0 } && !LicenseAudience.TryParse(audText, out audience) ? $"aud '{Printable(audText)}' is not one of the six License Matrix values"
            : deploymentText is not null && !OrgId.TryCreate(deploymentText, out deploymentId) ? $"deployment_id is not an organization id ({IdentifierRules.Description})"
            : orgText is not null && !OrgId.TryCreate(orgText, out legacyOrgId) ? $"org_id is not an organization id ({IdentifierRules.Description})"
            : effectiveVersion == 2 && deploymentId is not null ? "a v2 payload names its organization org_id, not deployment_id"
            : deploymentId is not null && legacyOrgId is not null && deploymentId != legacyOrgId ? "deployment_id and its alias org_id name different organizations"
            : tenantText is not null && !ClientId.TryCreate(tenantText, out tenantId) ? $"tenant_id is not a client id ({IdentifierRules.Description})"
            : jti is not null && !IsValidJti(jti) ? "jti is not 1-128 characters of letters, digits, '.', '_', ':' or '-'"
            : expiresAt is null ? "the payload names no expires_at"
            : features?.FirstOrDefault(f => !LicenseFeatures.IsValidName(f)) is { } badFeature ? $"feature '{Printable(badFeature)}' is not 1-64 characters of a-z, 0-9, '_', '.', ':' or '-'"
            : null;
        if (failure is not null)
        {
            claims.Fail(failure);
            return null;
        }

        return new LicensePayload
        {
            Version = effectiveVersion,
            Jti = jti,
            Kid = kid!,
            Tier = tier,
            Audience = audience,
            DeploymentId = deploymentId,
            LegacyOrgId = legacyOrgId,
            TenantId = tenantId,
            IssuedAt = issuedAt,
            NotBefore = notBefore,
            ExpiresAt = expiresAt!.Value,
            MaxNodes = maxNodes,
            Features = features ?? [],
        };
    }

    private static bool IsValidJti(string jti) =>
        jti.Length is > 0 and <= 128 && jti.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-');

    /// <summary>Claims are signed but still echoed into messages only when short and plain.</summary>
    private static string Printable(string value) =>
        value.Length <= 64 && value.All(c => c is >= ' ' and <= '~' && c != '\'') ? value : "(unprintable)";

    /// <summary>Typed access to the root object's claims; the first problem is kept in <see cref="Error"/>.</summary>
    private sealed class Claims(JsonElement root)
    {
        public string? Error { get; private set; }

        public void Fail(string error) => Error ??= error;

        public string? String(string name)
        {
            if (!TryGet(name, out var value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                Fail($"claim {name} must be a string");
                return null;
            }

            return value.GetString();
        }

        public int? Int(string name, int min, int max)
        {
            if (!TryGet(name, out var value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < min || number > max)
            {
                Fail($"claim {name} must be a whole number from {min} to {max}");
                return null;
            }

            return number;
        }

        public DateTimeOffset? Date(string name, bool endOfDay)
        {
            var text = String(name);
            if (text is null)
            {
                return null;
            }

            if (!LicenseDates.TryParse(text, endOfDay, out var date))
            {
                Fail($"claim {name} must be an RFC 3339 time (2027-06-30T23:59:59Z) or a date (2027-06-30)");
                return null;
            }

            return date;
        }

        public string[]? StringArray(string name, int maxCount)
        {
            if (!TryGet(name, out var value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() > maxCount || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            {
                Fail($"claim {name} must be an array of at most {maxCount} strings");
                return null;
            }

            return [.. value.EnumerateArray().Select(e => e.GetString()!)];
        }

        /// <summary>A claim sent as JSON null counts as absent.</summary>
        private bool TryGet(string name, out JsonElement value) =>
            root.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
    }
}
