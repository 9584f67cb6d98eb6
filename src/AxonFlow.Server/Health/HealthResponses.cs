namespace AxonFlow.Server.Health;

/// <summary>The <c>GET /health</c> body. Field names follow seed 000 and what the SDKs read (<c>status</c>, <c>version</c>, <c>sdk_compatibility</c>).</summary>
public sealed record HealthResponse(
    string Status,
    string Service,
    string Version,
    string PlatformVersion,
    string DeploymentMode,
    ClientFloorSet SdkFloor,
    IReadOnlyDictionary<string, VersionFloor> PluginFloor,
    SdkCompatibility SdkCompatibility,
    HealthComponents Components,
    DateTimeOffset Timestamp,
    string Uptime,
    long UptimeSeconds,
    LicenseHealth License);

public sealed record ClientFloorSet(string Minimum, string Recommended, IReadOnlyDictionary<string, VersionFloor> Sdks);

public sealed record VersionFloor(string Minimum, string Recommended);

public sealed record SdkCompatibility(string MinSdkVersion, string RecommendedSdkVersion);

public sealed record HealthComponents(DatabaseHealth Database, MigrationsHealth Migrations, RlsHealth Rls, IReadOnlyList<Providers.ProviderHealth> Providers, Nodes.NodesHealth Nodes);

public sealed record DatabaseHealth(string Status, double? LatencyMs, string? Error);

public sealed record MigrationsHealth(string Status, int AppliedVersion, int LatestVersion, IReadOnlyList<int> Pending, IReadOnlyList<int> Failed);

public sealed record RlsHealth(string Status, string? Role, bool? RoleBypassesRls, int TablesTotal, int TablesProtected, IReadOnlyList<string> UnprotectedTables);

/// <summary>The deployment license as <c>/health</c> shows it: never the token. Without a license: tier <c>community</c>, nulls.</summary>
public sealed record LicenseHealth(string Tier, DateTimeOffset? ExpiresAt, bool InGrace, int? MaxNodes, DateTimeOffset? GraceEndsAt);

public sealed record ReadinessResponse(string Status, IReadOnlyList<string> Reasons);
