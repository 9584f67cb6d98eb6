using AxonFlow.Cli.Commands;
using AxonFlow.Cli.Preflight.Checks;
using AxonFlow.Postgres.Connections;
using AxonFlow.Postgres.Migrations;
using AxonFlow.Postgres.Operations;
using Npgsql;

namespace AxonFlow.Cli.Preflight;

/// <summary>Gathers the facts (the only I/O: one read-only pass over the owner connection) and runs the eight checks in order.</summary>
internal static class PreflightRunner
{
    public static IReadOnlyList<IPreflightCheck> Checks { get; } =
    [
        new PostgresVersionCheck(),
        new SchemaMigrationsCheck(MigrationCatalog.Embedded),
        new OrgIdScanCheck(),
        new DeploymentEnvCheck(),
        new RuntimeRolesCheck(),
        new BackupPolicyCheck(),
        new LocalDevOrgCheck(),
        new AppRolePairingCheck(),
    ];

    public static async Task<PreflightFacts> GatherAsync(
        OwnerDatabase owner,
        PreflightEnvironment environment,
        string? backupEvidence,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        if (owner.ConnectionString is null)
        {
            return new PreflightFacts(environment, null, owner.Problem, backupEvidence, today);
        }

        try
        {
            await using var connection = owner.Open("axonflow-preflight");
            await connection.OpenAsync(cancellationToken);
            var snapshot = await DatabaseSnapshotReader.ReadAsync(connection, cancellationToken);
            return new PreflightFacts(environment, snapshot, null, backupEvidence, today);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            var reason = PostgresConnectionString.Redact(ex.Message).ReplaceLineEndings(" ");
            return new PreflightFacts(environment, null, $"connecting as the DATABASE_URL user failed: {reason}", backupEvidence, today);
        }
    }

    public static IReadOnlyList<CheckResult> Evaluate(PreflightFacts facts) => [.. Checks.SelectMany(c => c.Evaluate(facts))];
}
