namespace AxonFlow.Postgres.Policies;

/// <summary>List filters for policies; null means "any".</summary>
public sealed record PolicyListFilter(string? Category, string? Tier, bool? Enabled, string? Search, int Page, int PageSize);
