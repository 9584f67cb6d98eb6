using System.Diagnostics.CodeAnalysis;

namespace AxonFlow.Core.Policies;

/// <summary>The lower-case wire strings of the policy enums, as the API, the database and the SDKs spell them.</summary>
public static class PolicyWireNames
{
    public const string AllowedSeverities = "low, medium, high, critical";
    public const string AllowedActions = "block, require_approval, redact, warn, log";
    public const string AllowedTiers = "system, organization, tenant";

    public static string ToWire(PolicySeverity severity) => severity switch
    {
        PolicySeverity.Low => "low",
        PolicySeverity.Medium => "medium",
        PolicySeverity.High => "high",
        PolicySeverity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, null),
    };

    public static string ToWire(PolicyAction action) => action switch
    {
        PolicyAction.Block => "block",
        PolicyAction.RequireApproval => "require_approval",
        PolicyAction.Redact => "redact",
        PolicyAction.Warn => "warn",
        PolicyAction.Log => "log",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    public static string ToWire(PolicyTier tier) => tier switch
    {
        PolicyTier.System => "system",
        PolicyTier.Organization => "organization",
        PolicyTier.Tenant => "tenant",
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, null),
    };

    /// <summary>Parses the exact wire string; anything else (other casing, padding, numbers) is rejected.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out PolicySeverity severity)
    {
        (var ok, severity) = value switch
        {
            "low" => (true, PolicySeverity.Low),
            "medium" => (true, PolicySeverity.Medium),
            "high" => (true, PolicySeverity.High),
            "critical" => (true, PolicySeverity.Critical),
            _ => (false, default(PolicySeverity)),
        };
        return ok;
    }

    /// <summary>Parses the exact wire string; anything else (other casing, padding, numbers) is rejected.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out PolicyAction action)
    {
        (var ok, action) = value switch
        {
            "block" => (true, PolicyAction.Block),
            "require_approval" => (true, PolicyAction.RequireApproval),
            "redact" => (true, PolicyAction.Redact),
            "warn" => (true, PolicyAction.Warn),
            "log" => (true, PolicyAction.Log),
            _ => (false, default(PolicyAction)),
        };
        return ok;
    }

    /// <summary>Parses the exact wire string; anything else (other casing, padding, numbers) is rejected.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out PolicyTier tier)
    {
        (var ok, tier) = value switch
        {
            "system" => (true, PolicyTier.System),
            "organization" => (true, PolicyTier.Organization),
            "tenant" => (true, PolicyTier.Tenant),
            _ => (false, default(PolicyTier)),
        };
        return ok;
    }
}
