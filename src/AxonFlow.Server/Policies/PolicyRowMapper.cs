using System.Text.Json;
using AxonFlow.Core.Policies;
using AxonFlow.Postgres.Policies;

namespace AxonFlow.Server.Policies;

/// <summary>Stored rows to engine definitions. Unknown wire values fall back to safe defaults; the API refuses them on write.</summary>
internal static class PolicyRowMapper
{
    public static StaticPolicyDefinition ToDefinition(StaticPolicyRow row) => new(
        row.PolicyId,
        row.Name,
        row.Category,
        row.Pattern,
        PolicyWireNames.TryParse(row.Severity, out PolicySeverity severity) ? severity : PolicySeverity.Medium,
        PolicyWireNames.TryParse(row.Action, out PolicyAction action) ? action : PolicyAction.Block,
        row.Enabled,
        PolicyWireNames.TryParse(row.Tier, out PolicyTier tier) ? tier : PolicyTier.Tenant,
        row.Priority,
        row.Description);

    public static DynamicPolicyDefinition ToDefinition(DynamicPolicyRow row) => new(
        row.PolicyId,
        row.Name,
        ParseConditions(row.ConditionsJson),
        ParseActions(row.ActionsJson),
        row.Priority,
        row.Enabled);

    public static PolicyOverride ToOverride(PolicyOverrideRow row) => new(
        row.PolicyId,
        row.ActionOverride is not null && PolicyWireNames.TryParse(row.ActionOverride, out PolicyAction action) ? action : null,
        row.EnabledOverride,
        row.OverrideReason,
        row.ExpiresAt,
        row.CreatedBy ?? string.Empty);

    public static IReadOnlyList<PolicyCondition> ParseConditions(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(c => new PolicyCondition(
            c.TryGetProperty("field", out var field) ? field.GetString() ?? string.Empty : string.Empty,
            c.TryGetProperty("operator", out var op) ? op.GetString() ?? string.Empty : string.Empty,
            c.TryGetProperty("value", out var value) ? value.Clone() : default))];
    }

    public static IReadOnlyList<DynamicPolicyAction> ParseActions(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(a => new DynamicPolicyAction(
            a.TryGetProperty("type", out var type) ? type.GetString() ?? string.Empty : string.Empty,
            a.TryGetProperty("parameters", out var parameters) ? parameters.Clone() : null))];
    }
}
