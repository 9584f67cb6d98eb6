using AxonFlow.Core.Identity;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AxonFlow.Postgres.Migrations;

/// <summary>
/// Applies the embedded migrations as the schema owner: under one advisory lock (many nodes may boot at once), each file
/// in its own transaction, recorded in <c>schema_migrations</c>. A changed applied file refuses the run.
/// </summary>
public sealed partial class Migrator(NpgsqlDataSource ownerDataSource, MigrationCatalog catalog, TimeProvider timeProvider, ILogger<Migrator> logger)
{
    /// <summary>"AXONFLOW" in ASCII: one lock for every node of every deployment sharing the database.</summary>
    private const long AdvisoryLockKey = 0x4158_4F4E_464C_4F57;

    private const string CreateTableSql = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version      integer     PRIMARY KEY,
            name         text        NOT NULL,
            checksum     text        NOT NULL,
            applied_at   timestamptz NOT NULL DEFAULT now(),
            duration_ms  integer     NOT NULL DEFAULT 0,
            success      boolean     NOT NULL,
            error        text
        )
        """;

    private const string RecordSql = """
        INSERT INTO schema_migrations (version, name, checksum, applied_at, duration_ms, success, error)
        VALUES ($1, $2, $3, now(), $4, $5, $6)
        ON CONFLICT (version) DO UPDATE
        SET name = EXCLUDED.name, checksum = EXCLUDED.checksum, applied_at = EXCLUDED.applied_at,
            duration_ms = EXCLUDED.duration_ms, success = EXCLUDED.success, error = EXCLUDED.error
        """;

    public MigrationCatalog Catalog => catalog;

    public async Task<IReadOnlyList<MigrationStatus>> StatusAsync(CancellationToken cancellationToken)
    {
        await using var connection = await ownerDataSource.OpenConnectionAsync(cancellationToken);
        var applied = await AppliedMigrations.ReadAsync(connection, cancellationToken);
        return [.. catalog.Scripts.Select(s => new MigrationStatus(s, applied.GetValueOrDefault(s.Version)))];
    }

    /// <summary>Applies every pending migration up to <paramref name="targetVersion"/> (all when null); returns how many ran.</summary>
    public async Task<int> UpAsync(MigrationContext context, int? targetVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var connection = await ownerDataSource.OpenConnectionAsync(cancellationToken);
        connection.Notice += (_, e) => Log.MigrationNotice(logger, e.Notice.MessageText);
        await AcquireLockAsync(connection, cancellationToken);
        try
        {
            await using (var create = new NpgsqlCommand(CreateTableSql, connection))
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            var applied = await AppliedMigrations.ReadAsync(connection, cancellationToken);
            ThrowOnDrift(applied);
            await ThrowIfProdSafetyAbortsAsync(connection, applied, context, targetVersion, cancellationToken);

            var ran = 0;
            foreach (var script in catalog.Scripts)
            {
                if (targetVersion is not null && script.Version > targetVersion)
                {
                    break;
                }

                if (applied.TryGetValue(script.Version, out var row) && row.Success)
                {
                    continue;
                }

                await ApplyAsync(connection, script, context, cancellationToken);
                ran++;
            }

            if (ran == 0)
            {
                Log.UpToDate(logger, catalog.LatestVersion);
            }

            return ran;
        }
        finally
        {
            await ReleaseLockAsync(connection);
        }
    }

    /// <summary>Reverts exactly one FORCE-RLS batch with its <c>_down.sql</c> and marks that migration pending again.</summary>
    public async Task<MigrationScript> DownBatchAsync(int batch, CancellationToken cancellationToken)
    {
        var script = catalog.FindBatch(batch)
            ?? throw new ArgumentException($"There is no FORCE-RLS batch {batch}; batches are {string.Join(", ", catalog.Scripts.Where(s => s.RlsBatch is not null).Select(s => s.RlsBatch))}.", nameof(batch));

        await using var connection = await ownerDataSource.OpenConnectionAsync(cancellationToken);
        await AcquireLockAsync(connection, cancellationToken);
        try
        {
            var applied = await AppliedMigrations.ReadAsync(connection, cancellationToken);
            if (!applied.TryGetValue(script.Version, out var row) || !row.Success)
            {
                throw new InvalidOperationException($"Batch {batch} ({script.FileName}) is not applied; nothing to revert.");
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var down = new NpgsqlCommand(script.DownSql, connection, transaction))
            {
                await down.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var forget = new NpgsqlCommand("DELETE FROM schema_migrations WHERE version = $1", connection, transaction))
            {
                forget.Parameters.Add(new NpgsqlParameter { Value = script.Version });
                await forget.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            Log.BatchReverted(logger, batch, script.FileName);
            return script;
        }
        finally
        {
            await ReleaseLockAsync(connection);
        }
    }

    private void ThrowOnDrift(IReadOnlyDictionary<int, AppliedMigration> applied)
    {
        foreach (var script in catalog.Scripts)
        {
            if (applied.TryGetValue(script.Version, out var row) && row.Success && row.Checksum != script.Checksum)
            {
                throw new MigrationChecksumMismatchException(script.FileName, row.Checksum, script.Checksum);
            }
        }

        foreach (var version in applied.Keys.Where(v => catalog.Scripts.All(s => s.Version != v)))
        {
            Log.UnknownAppliedMigration(logger, version);
        }
    }

    /// <summary>Refuses the whole run, before anything is applied, when the org backfill is pending and would abort.</summary>
    private async Task ThrowIfProdSafetyAbortsAsync(
        NpgsqlConnection connection,
        IReadOnlyDictionary<int, AppliedMigration> applied,
        MigrationContext context,
        int? targetVersion,
        CancellationToken cancellationToken)
    {
        var backfill = catalog.Scripts.FirstOrDefault(s => s.Version == Operations.LegacyBaseline.OrgBackfillVersion);
        if (backfill is null || targetVersion < backfill.Version || (applied.TryGetValue(backfill.Version, out var row) && row.Success)
            || ProdSafety.AbortReason(context) is not { } reason)
        {
            return;
        }

        await RecordAsync(connection, null, backfill, 0, success: false, reason, cancellationToken);
        Log.Failed(logger, backfill.FileName, reason);
        throw new MigrationFailedException(backfill.FileName, reason, new InvalidOperationException(reason));
    }

    private async Task ApplyAsync(NpgsqlConnection connection, MigrationScript script, MigrationContext context, CancellationToken cancellationToken)
    {
        Log.Applying(logger, script.FileName);
        var started = timeProvider.GetTimestamp();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await using (var settings = new NpgsqlCommand(
                "SELECT set_config('app.deployment_org_id', $1, true), set_config('app.deployment_kind', $2, true)", connection, transaction))
            {
                settings.Parameters.Add(new NpgsqlParameter { Value = context.DeploymentOrg?.Value ?? string.Empty });
                settings.Parameters.Add(new NpgsqlParameter { Value = context.Kind == DeploymentKind.Production ? "production" : "dev" });
                await settings.ExecuteNonQueryAsync(cancellationToken);
            }

            if (script.Version == Operations.LegacyBaseline.OrgBackfillVersion)
            {
                Log.BackfillOrgSet(logger, context.DeploymentOrg?.Value ?? "(unset)", script.FileName);
                Log.BackfillKindSet(logger, context.Kind == DeploymentKind.Production ? "production" : "dev", script.FileName);
            }

            await using (var migrate = new NpgsqlCommand(script.Sql, connection, transaction) { CommandTimeout = 0 })
            {
                await migrate.ExecuteNonQueryAsync(cancellationToken);
            }

            var durationMs = ElapsedMs(started);
            await RecordAsync(connection, transaction, script, durationMs, success: true, error: null, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            Log.Applied(logger, script.FileName, durationMs);
        }
        catch (PostgresException ex)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            var durationMs = ElapsedMs(started);
            await RecordAsync(connection, null, script, durationMs, success: false, error: ex.MessageText, CancellationToken.None);
            Log.Failed(logger, script.FileName, ex.MessageText);
            throw new MigrationFailedException(script.FileName, ex.MessageText, ex);
        }
    }

    private int ElapsedMs(long started) => (int)Math.Min(int.MaxValue, timeProvider.GetElapsedTime(started).TotalMilliseconds);

    private static async Task RecordAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        MigrationScript script,
        int durationMs,
        bool success,
        string? error,
        CancellationToken cancellationToken)
    {
        await using var record = new NpgsqlCommand(RecordSql, connection, transaction);
        record.Parameters.Add(new NpgsqlParameter { Value = script.Version });
        record.Parameters.Add(new NpgsqlParameter { Value = script.Name });
        record.Parameters.Add(new NpgsqlParameter { Value = script.Checksum });
        record.Parameters.Add(new NpgsqlParameter { Value = durationMs });
        record.Parameters.Add(new NpgsqlParameter { Value = success });
        record.Parameters.Add(new NpgsqlParameter { Value = (object?)error ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await record.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task AcquireLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_lock($1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = AdvisoryLockKey });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ReleaseLockAsync(NpgsqlConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            return;
        }

        await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = AdvisoryLockKey });
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Migration {FileName}: applying")]
        public static partial void Applying(ILogger logger, string fileName);

        [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Migration {FileName}: applied in {DurationMs} ms")]
        public static partial void Applied(ILogger logger, string fileName, int durationMs);

        [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "Migration {FileName}: failed and rolled back: {Reason}")]
        public static partial void Failed(ILogger logger, string fileName, string reason);

        [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Migration NOTICE: {Message}")]
        public static partial void MigrationNotice(ILogger logger, string message);

        [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "Migrations up to date at version {Version}")]
        public static partial void UpToDate(ILogger logger, int version);

        [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "FORCE-RLS batch {Batch} reverted with {FileName}_down; the next `migrate up` or boot re-applies it")]
        public static partial void BatchReverted(ILogger logger, int batch, string fileName);

        [LoggerMessage(EventId = 5008, Level = LogLevel.Information, Message = "Set app.deployment_org_id={Org} session variable for migration {FileName} backfill")]
        public static partial void BackfillOrgSet(ILogger logger, string org, string fileName);

        [LoggerMessage(EventId = 5009, Level = LogLevel.Information, Message = "Set app.deployment_kind={Kind} session variable for migration {FileName} prod-safety precondition")]
        public static partial void BackfillKindSet(ILogger logger, string kind, string fileName);

        [LoggerMessage(EventId = 5007, Level = LogLevel.Warning, Message = "Migration version {Version} is recorded as applied but is unknown to this build (was a newer release run against this database?)")]
        public static partial void UnknownAppliedMigration(ILogger logger, int version);
    }
}
