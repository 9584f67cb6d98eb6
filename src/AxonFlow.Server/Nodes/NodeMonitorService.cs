using AxonFlow.Core.Nodes;
using AxonFlow.Postgres.Nodes;
using Npgsql;

namespace AxonFlow.Server.Nodes;

/// <summary>
/// <c>ENABLE_NODE_MONITOR=true</c>: every heartbeat interval, on the platform-admin pool, marks nodes whose heartbeat is
/// older than the stale window stale, logs when the deployment goes over its node limit, when the grace runs out and when
/// it is back within the limit, and once an hour deletes stale and stopped rows older than a week. Run it on one node
/// (several are harmless: the writes are idempotent, only the logs repeat).
/// </summary>
internal sealed partial class NodeMonitorService(
    NodeMonitorStore store,
    NodeCensusReader census,
    NodeSettings settings,
    NodeLimitOptions limit,
    TimeProvider timeProvider,
    ILogger<NodeMonitorService> logger) : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);

    private readonly CancellationTokenSource _stopping = new();
    private PeriodicTimer? _timer;
    private Task? _loop;
    private LimitState _state = LimitState.Within;
    private DateTimeOffset _lastPrune = DateTimeOffset.MinValue;

    private enum LimitState
    {
        Within,
        OverInGrace,
        OverRefusing,
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = new PeriodicTimer(settings.HeartbeatInterval, timeProvider);
        _loop = RunAsync(_timer, _stopping.Token);
        Log.Started(logger, (int)settings.StaleAfter.TotalSeconds);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => StopLoopAsync();

    public async ValueTask DisposeAsync()
    {
        await StopLoopAsync();
        _stopping.Dispose();
    }

    /// <summary>One monitoring pass; the loop runs it every interval.</summary>
    internal async Task CheckAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        foreach (var stale in await store.MarkStaleAsync(now - settings.StaleAfter, cancellationToken))
        {
            Log.NodeStale(logger, stale.Node.Value, stale.Hostname, stale.LastHeartbeatAt);
        }

        var live = await census.ReadLiveAsync(now - settings.StaleAfter, cancellationToken);
        var status = NodeLimitStatus.Evaluate([.. live.Select(n => n.StartedAt)], limit.MaxNodes);
        Report(status, now);

        if (now - _lastPrune >= PruneEvery)
        {
            var pruned = await store.PruneAsync(now - Retention, cancellationToken);
            _lastPrune = now;
            if (pruned > 0)
            {
                Log.Pruned(logger, pruned);
            }
        }
    }

    private void Report(NodeLimitStatus status, DateTimeOffset now)
    {
        var state = status switch
        {
            { OverLimitSince: { } since } when now - since >= settings.LimitGrace => LimitState.OverRefusing,
            { OverLimit: true } => LimitState.OverInGrace,
            _ => LimitState.Within,
        };
        if (state == _state)
        {
            return;
        }

        switch (state)
        {
            case LimitState.OverInGrace or LimitState.OverRefusing when _state == LimitState.Within:
                Log.OverLimit(logger, status.Live, status.Limit!.Value, status.OverLimitSince!.Value, status.RefusingNewNodesFrom(settings.LimitGrace)!.Value);
                break;
            case LimitState.Within:
                Log.BackWithinLimit(logger, status.Live, status.Limit);
                break;
        }

        if (state == LimitState.OverRefusing)
        {
            Log.GraceOver(logger, status.Live, status.Limit!.Value);
        }

        _state = state;
    }

    private async Task RunAsync(PeriodicTimer timer, CancellationToken stopping)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                try
                {
                    await CheckAsync(stopping);
                }
                catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
                {
                    Log.CheckFailed(logger, ex is PostgresException postgres ? $"{ex.GetType().Name} {postgres.SqlState}" : ex.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task StopLoopAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync();
        }

        if (_loop is not null)
        {
            await _loop;
        }

        _timer?.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5411, Level = LogLevel.Information, Message = "Node monitor started on the platform-admin pool (a node is stale after {StaleSeconds} s without a heartbeat)")]
        public static partial void Started(ILogger logger, int staleSeconds);

        [LoggerMessage(EventId = 5412, Level = LogLevel.Warning, Message = "Node {NodeId} on {Hostname} marked stale: last heartbeat {LastHeartbeatAt:O}")]
        public static partial void NodeStale(ILogger logger, string nodeId, string hostname, DateTimeOffset lastHeartbeatAt);

        [LoggerMessage(EventId = 5413, Level = LogLevel.Error, Message = "Node limit exceeded: {Live} nodes are live, the license allows {Limit} (over since {OverLimitSince:O}); new nodes are refused from {RefusingFrom:O}")]
        public static partial void OverLimit(ILogger logger, int live, int limit, DateTimeOffset overLimitSince, DateTimeOffset refusingFrom);

        [LoggerMessage(EventId = 5414, Level = LogLevel.Error, Message = "Node limit grace is over: {Live} nodes are live, the license allows {Limit}; new nodes are refused until the count drops")]
        public static partial void GraceOver(ILogger logger, int live, int limit);

        [LoggerMessage(EventId = 5415, Level = LogLevel.Information, Message = "Node limit: back within the limit ({Live} live, limit {Limit})")]
        public static partial void BackWithinLimit(ILogger logger, int live, int? limit);

        [LoggerMessage(EventId = 5416, Level = LogLevel.Information, Message = "Node monitor deleted {Count} stale or stopped node rows older than 7 days")]
        public static partial void Pruned(ILogger logger, int count);

        [LoggerMessage(EventId = 5417, Level = LogLevel.Warning, Message = "Node monitor pass failed ({ErrorType}); retried next interval")]
        public static partial void CheckFailed(ILogger logger, string errorType);
    }
}
