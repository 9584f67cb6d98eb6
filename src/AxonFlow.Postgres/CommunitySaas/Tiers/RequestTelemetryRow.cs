namespace AxonFlow.Postgres.CommunitySaas.Tiers;

/// <summary>
/// One governed Community SaaS request for <c>community_saas_request_telemetry</c>: the credential, the canonical
/// <c>X-Axonflow-Client</c> value (<c>name/version</c>; null when absent or malformed), the route pattern (never the raw
/// path, so ids in it are not stored), the tier's wire name (null without a resolved tier) and the response status.
/// </summary>
public sealed record RequestTelemetryRow(string ClientId, string? Client, string Route, string? Tier, int Status, DateTimeOffset CreatedAt);
