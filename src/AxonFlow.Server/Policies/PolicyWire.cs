using System.Text.Json;
using AxonFlow.Postgres.Policies;

namespace AxonFlow.Server.Policies;

/// <summary>A static policy on the wire (what the SDKs parse: id, name, category, tier, pattern, severity string, timestamps).</summary>
internal sealed record StaticPolicyView(
    string Id,
    string PolicyId,
    string Name,
    string Description,
    string Category,
    string Tier,
    string Pattern,
    string Severity,
    string Action,
    int Priority,
    bool Enabled,
    IReadOnlyList<string> Tags,
    int Version,
    string? OrgId,
    string TenantId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? CreatedBy,
    string? UpdatedBy)
{
    public static StaticPolicyView From(StaticPolicyRow row) => new(
        row.PolicyId, row.PolicyId, row.Name, row.Description, row.Category, row.Tier, row.Pattern, row.Severity, row.Action,
        row.Priority, row.Enabled, row.Tags, row.Version, row.OrgId, row.IsSystem ? "global" : row.ClientId, row.CreatedAt,
        row.UpdatedAt, row.CreatedBy, row.UpdatedBy);
}

/// <summary>Create and update bodies; on update only the fields given change.</summary>
internal sealed record StaticPolicyBody(
    string? PolicyId,
    string? Name,
    string? Description,
    string? Category,
    string? Tier,
    string? Pattern,
    string? Severity,
    string? Action,
    int? Priority,
    bool? Enabled,
    IReadOnlyList<string>? Tags);

internal sealed record DynamicPolicyView(
    string Id,
    string PolicyId,
    string Name,
    string Description,
    string Type,
    string Category,
    JsonElement Conditions,
    JsonElement Actions,
    int Priority,
    bool Enabled,
    string Tier,
    int Version,
    string? OrgId,
    string TenantId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? CreatedBy,
    string? UpdatedBy)
{
    public static DynamicPolicyView From(DynamicPolicyRow row) => new(
        row.PolicyId, row.PolicyId, row.Name, row.Description, row.PolicyType, row.Category,
        JsonDocument.Parse(row.ConditionsJson).RootElement.Clone(), JsonDocument.Parse(row.ActionsJson).RootElement.Clone(),
        row.Priority, row.Enabled, row.Tier, row.Version, row.OrgId, row.IsSystem ? "global" : row.ClientId, row.CreatedAt,
        row.UpdatedAt, row.CreatedBy, row.UpdatedBy);
}

internal sealed record DynamicPolicyBody(
    string? PolicyId,
    string? Name,
    string? Description,
    string? Type,
    string? Category,
    JsonElement? Conditions,
    JsonElement? Actions,
    int? Priority,
    bool? Enabled,
    string? Tier);

internal sealed record EnabledBody(bool? Enabled);

internal sealed record Pagination(int Page, int PageSize, long TotalItems, long TotalPages);

internal sealed record PolicyListResponse<T>(IReadOnlyList<T> Policies, Pagination Pagination);

internal sealed record PolicyVersionView(int Version, string ChangeType, string ChangedBy, DateTimeOffset ChangedAt, JsonElement Snapshot);

internal sealed record PolicyVersionsResponse(string PolicyId, IReadOnlyList<PolicyVersionView> Versions, int Count);

internal sealed record PatternTestBody(string? Pattern, IReadOnlyList<string>? Inputs, string? Input);

internal sealed record OverrideBody(string? PolicyId, string? PolicyType, string? ActionOverride, bool? EnabledOverride, string? OverrideReason, DateTimeOffset? ExpiresAt);

internal sealed record OverrideView(
    Guid Id,
    string PolicyId,
    string PolicyType,
    string? ActionOverride,
    bool? EnabledOverride,
    string OverrideReason,
    DateTimeOffset? ExpiresAt,
    string? CreatedBy,
    DateTimeOffset CreatedAt,
    bool Expired)
{
    public static OverrideView From(PolicyOverrideRow row, DateTimeOffset now) => new(
        row.Id, row.PolicyId, row.PolicyType, row.ActionOverride, row.EnabledOverride, row.OverrideReason, row.ExpiresAt,
        row.CreatedBy, row.CreatedAt, row.ExpiresAt is { } expires && expires <= now);
}
