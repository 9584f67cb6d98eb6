using AxonFlow.Core.CommunitySaas;
using AxonFlow.Postgres.CommunitySaas.Tiers;
using Npgsql;

namespace AxonFlow.Server.CommunitySaas.Tiers;

/// <summary>
/// <c>[CSAAS-SWEEP]</c> (<c>COMMUNITY_SAAS_SWEEP_ENABLED</c>, on the platform-admin pool): every sweep interval, deletes
/// each tenant's audit rows older than its tier's retention (Free 3 days, Pro 30, Premium 90) from every audit table,
/// in batches of <c>COMMUNITY_SAAS_SWEEP_BATCH_SIZE</c> rows per statement, and logs the counts. Orgs that are not
/// registered tenants are never touched. A schema without the SaaS tables (or without one of the audit tables) is
/// reported once and skipped, never an error loop.
/// </summary>
internal sealed partial class RetentionSweepService(
    RetentionSweepStore store,
    CommunitySaasTierSettings settings,
    TimeProvider timeProvider,
    ILogger<RetentionSweepService> logger) : IHostedService, IAsyncDisposable
{
    private static readonly RetentionPeriods Periods = new(
        CommunitySaasTier.Free.AuditRetention(),
        CommunitySaasTier.Pro.AuditRetention(),
        CommunitySaasTier.Premium.AuditRetention());

    private readonly CancellationTokenSource _stopping = new();
    private readonly HashSet<string> _missingReported = new(StringComparer.Ordinal);
    private PeriodicTimer? _timer;
    private Task? _loop;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = new PeriodicTimer(settings.SweepInterval, timeProvider);
        _loop = RunAsync(_timer, _stopping.Token);
        Log.Started(logger, (int)settings.SweepInterval.TotalMinutes, settings.SweepBatchSize);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => StopLoopAsync();

    public async ValueTask DisposeAsync()
    {
        await StopLoopAsync();
        _stopping.Dispose();
    }

    /// <summary>One sweep at <paramref name="now"/>: rows deleted per table (tables without expired rows are left out).</summary>
    internal async Task<IReadOnlyDictionary<string, long>> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var deleted = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            await store.ProbeSchemaAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            ReportMissingOnce("community_saas_tenants", schema: true);
            return deleted;
        }

        foreach (var table in RetentionTable.All)
        {
            var total = await SweepTableAsync(table, now, cancellationToken);
            if (total > 0)
            {
                deleted[table.Name] = total;
                Log.TableSwept(logger, table.Name, total);
            }
        }

        var sum = deleted.Values.Sum();
        Log.Swept(logger, sum, deleted.Count);
        return deleted;
    }

    private async Task<long> SweepTableAsync(RetentionTable table, DateTimeOffset now, CancellationToken cancellationToken)
    {
        long total = 0;
        try
        {
            int batch;
            do
            {
                batch = await store.DeleteBatchAsync(table, now, Periods, settings.SweepBatchSize, cancellationToken);
                total += batch;
            }
            while (batch >= settings.SweepBatchSize);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            ReportMissingOnce(table.Name, schema: false);
        }

        return total;
    }

    private void ReportMissingOnce(string table, bool schema)
    {
        lock (_missingReported)
        {
            if (!_missingReported.Add(table))
            {
                return;
            }
        }

        if (schema)
        {
            Log.NoSaasSchema(logger);
        }
        else
        {
            Log.TableMissing(logger, table);
        }
    }

    private async Task RunAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await SweepAsync(timeProvider.GetUtcNow(), cancellationToken);
                }
                catch (NpgsqlException ex)
                {
                    Log.SweepFailed(logger, ex.GetType().Name, (ex as PostgresException)?.SqlState ?? "-");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task StopLoopAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync();
        }

        _timer?.Dispose();
        if (_loop is not null)
        {
            await _loop;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7110, Level = LogLevel.Information, Message = "[CSAAS-SWEEP] retention sweep every {IntervalMinutes} min, {BatchSize} rows per statement (Free 3 d, Pro 30 d, Premium 90 d)")]
        public static partial void Started(ILogger logger, int intervalMinutes, int batchSize);

        [LoggerMessage(EventId = 7111, Level = LogLevel.Information, Message = "[CSAAS-SWEEP] {Table}: {Deleted} rows past their tier's retention deleted")]
        public static partial void TableSwept(ILogger logger, string table, long deleted);

        [LoggerMessage(EventId = 7112, Level = LogLevel.Information, Message = "[CSAAS-SWEEP] sweep done: {Deleted} rows deleted from {Tables} tables")]
        public static partial void Swept(ILogger logger, long deleted, int tables);

        [LoggerMessage(EventId = 7113, Level = LogLevel.Warning, Message = "[CSAAS-SWEEP] this schema has no Community SaaS tables (community_saas_tenants): nothing to sweep (reported once)")]
        public static partial void NoSaasSchema(ILogger logger);

        [LoggerMessage(EventId = 7114, Level = LogLevel.Warning, Message = "[CSAAS-SWEEP] table {Table} does not exist in this schema: skipped (reported once)")]
        public static partial void TableMissing(ILogger logger, string table);

        [LoggerMessage(EventId = 7115, Level = LogLevel.Warning, Message = "[CSAAS-SWEEP] sweep failed ({ErrorType}, SQLSTATE {SqlState}); retried at the next interval")]
        public static partial void SweepFailed(ILogger logger, string errorType, string sqlState);
    }
}
