using AxonFlow.Core.Identity;
using AxonFlow.Core.Platform;
using AxonFlow.Postgres.Connections;
using AxonFlow.Postgres.Diagnostics;
using AxonFlow.Postgres.Migrations;
using AxonFlow.Server.Configuration;
using Npgsql;

namespace AxonFlow.Server.Health;

/// <summary>
/// Runs the real checks behind <c>/health</c>: the database answers, the schema is at this build's migration version,
/// and FORCE RLS is in force for the role request traffic uses. Unreachable database → unhealthy; anything else wrong → degraded.
/// </summary>
public sealed partial class HealthReporter(
    AxonFlowSettings settings,
    AxonFlowDataSources dataSources,
    RlsDiagnostics rlsDiagnostics,
    Providers.ILlmRouter router,
    Nodes.NodeHealthCheck nodeHealth,
    TimeProvider timeProvider,
    ILogger<HealthReporter> logger,
    Licensing.DeploymentLicenseContext license)
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    private readonly DateTimeOffset _startedAt = timeProvider.GetUtcNow();

    public async Task<HealthResponse> CheckAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        var database = await CheckDatabaseAsync(timeout.Token);
        var migrations = database.Status == "connected" ? await CheckMigrationsAsync(timeout.Token) : UnknownMigrations();
        var rls = database.Status == "connected" ? await CheckRlsAsync(timeout.Token) : new RlsHealth("unknown", null, null, 0, 0, []);
        var nodes = database.Status == "connected" ? await nodeHealth.CheckAsync(timeout.Token) : nodeHealth.Unknown;

        var providers = router.Health;
        var now = timeProvider.GetUtcNow();
        var inGrace = license.IsInGraceAt(now);
        var status = database.Status != "connected" ? "unhealthy"
            : migrations.Status != "current" || rls.Status is not ("enforced" or "legacy") || providers.All(p => !p.Healthy) || nodes.OverLimit || inGrace ? "degraded"
            : "healthy";
        var uptime = now - _startedAt;
        return new HealthResponse(
            status,
            PlatformVersion.Service,
            PlatformVersion.Version,
            PlatformVersion.Version,
            settings.Mode.ToWireName(),
            new ClientFloorSet(
                PlatformVersion.MinimumSdkVersion,
                PlatformVersion.RecommendedSdkVersion,
                PlatformVersion.SdkFloors.ToDictionary(f => f.Client, f => new VersionFloor(f.Minimum, f.Recommended))),
            PlatformVersion.PluginFloors.ToDictionary(f => f.Client, f => new VersionFloor(f.Minimum, f.Recommended)),
            new SdkCompatibility(PlatformVersion.MinimumSdkVersion, PlatformVersion.RecommendedSdkVersion),
            new HealthComponents(database, migrations, rls, providers, nodes),
            now,
            FormatUptime(uptime),
            (long)uptime.TotalSeconds,
            new LicenseHealth(license.Tier, license.ExpiresAt, inGrace, license.MaxNodes, license.GraceEndsAt));
    }

    private async Task<DatabaseHealth> CheckDatabaseAsync(CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        try
        {
            await using var command = dataSources.App.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return new DatabaseHealth("connected", Math.Round(timeProvider.GetElapsedTime(started).TotalMilliseconds, 2), null);
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            Log.DatabaseUnreachable(logger, ex.GetType().Name);
            var reason = ex is OperationCanceledException or TimeoutException ? "timed out" : "unreachable";
            return new DatabaseHealth("disconnected", null, reason);
        }
    }

    private async Task<MigrationsHealth> CheckMigrationsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await dataSources.App.OpenConnectionAsync(cancellationToken);
            var applied = await AppliedMigrations.ReadAsync(connection, cancellationToken);
            var catalog = MigrationCatalog.Embedded;
            var pending = catalog.Scripts.Where(s => !(applied.TryGetValue(s.Version, out var row) && row.Success)).Select(s => s.Version).ToList();
            var failed = applied.Values.Where(r => !r.Success).Select(r => r.Version).ToList();
            var drifted = catalog.Scripts.Any(s => applied.TryGetValue(s.Version, out var row) && row.Success && row.Checksum != s.Checksum);
            var appliedVersion = applied.Values.Where(r => r.Success).Select(r => r.Version).DefaultIfEmpty(0).Max();
            var status = drifted ? "drift" : failed.Count > 0 ? "failed" : pending.Count > 0 ? "pending" : "current";
            return new MigrationsHealth(status, appliedVersion, catalog.LatestVersion, pending, failed);
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException)
        {
            Log.CheckFailed(logger, "migrations", ex.GetType().Name);
            return UnknownMigrations();
        }
    }

    private async Task<RlsHealth> CheckRlsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var report = await rlsDiagnostics.GetReportAsync(cancellationToken);
            var status = report.IsEnforced ? "enforced" : settings.UseAppRole ? "not_enforced" : "legacy";
            return new RlsHealth(
                status,
                report.Role,
                report.RoleBypassesRls,
                report.Tables.Count,
                report.Tables.Count(t => t.IsProtected),
                report.UnprotectedTables);
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException)
        {
            Log.CheckFailed(logger, "rls", ex.GetType().Name);
            return new RlsHealth("unknown", null, null, 0, 0, []);
        }
    }

    private static MigrationsHealth UnknownMigrations() => new("unknown", 0, MigrationCatalog.Embedded.LatestVersion, [], []);

    private static string FormatUptime(TimeSpan uptime) =>
        uptime.TotalDays >= 1 ? $"{(int)uptime.TotalDays}d{uptime.Hours}h{uptime.Minutes}m{uptime.Seconds}s"
        : uptime.TotalHours >= 1 ? $"{uptime.Hours}h{uptime.Minutes}m{uptime.Seconds}s"
        : $"{uptime.Minutes}m{uptime.Seconds}s";

    private static partial class Log
    {
        [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "Health: database unreachable ({ErrorType})")]
        public static partial void DatabaseUnreachable(ILogger logger, string errorType);

        [LoggerMessage(EventId = 5202, Level = LogLevel.Warning, Message = "Health: {Check} check failed ({ErrorType})")]
        public static partial void CheckFailed(ILogger logger, string check, string errorType);
    }
}
