using AxonFlow.Core.Nodes;
using AxonFlow.Core.Platform;
using AxonFlow.Postgres.Nodes;
using Npgsql;

namespace AxonFlow.Server.Nodes;

/// <summary>
/// Registers this process as a node before the server listens, heartbeats on a <see cref="PeriodicTimer"/>, and marks the
/// row stopped on a clean shutdown. Registration first applies the node limit: a deployment over its limit for longer
/// than the grace refuses this node with one FATAL line. A database that cannot be reached does not stop start-up (the
/// readiness check reports it); registration is retried on every heartbeat.
/// </summary>
internal sealed partial class NodeHeartbeatService(
    ThisNode node,
    NodeRegistry registry,
    NodeCensusReader census,
    NodeSettings settings,
    NodeLimitOptions limit,
    TimeProvider timeProvider,
    ILogger<NodeHeartbeatService> logger) : IHostedLifecycleService, IAsyncDisposable
{
    private static readonly TimeSpan StopBudget = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stopping = new();
    private PeriodicTimer? _timer;
    private Task? _loop;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        try
        {
            var others = await census.ReadLiveAsync(now - settings.StaleAfter, cancellationToken);
            var status = NodeLimitStatus.Evaluate([.. others.Select(n => n.StartedAt)], limit.MaxNodes);
            switch (NodeStartDecision.Decide(status, now, settings.LimitGrace))
            {
                case NodeStartDecision.Refused refused:
                    Log.StartRefused(logger, node.Id.Value, refused.Live, refused.Limit, refused.OverLimitSince);
                    throw new NodeLimitExceededException(refused.FatalLine);
                case NodeStartDecision.AllowedOverLimit over:
                    Log.StartingOverLimit(logger, node.Id.Value, over.LiveWithThisNode, over.Limit, over.GraceEndsAt);
                    break;
            }

            await RegisterAsync(now, cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            Log.RegistrationFailed(logger, node.Id.Value, Describe(ex));
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = new PeriodicTimer(settings.HeartbeatInterval, timeProvider);
        _loop = RunAsync(_timer, _stopping.Token);
        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await StopLoopAsync();
        if (!node.IsRegistered)
        {
            return;
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(StopBudget);
        try
        {
            await registry.StopAsync(node.Id, node.Secret, timeProvider.GetUtcNow(), budget.Token);
            node.MarkUnregistered();
            Log.Stopped(logger, node.Id.Value);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or OperationCanceledException)
        {
            // The monitor marks the row stale once its heartbeats stop.
            Log.StopFailed(logger, node.Id.Value, Describe(ex));
        }
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await StopLoopAsync();
        _stopping.Dispose();
    }

    private async Task RunAsync(PeriodicTimer timer, CancellationToken stopping)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                await BeatAsync(stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task BeatAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        try
        {
            if (!node.IsRegistered)
            {
                await RegisterAsync(now, cancellationToken);
            }
            else if (!await registry.HeartbeatAsync(node.Id, node.Secret, now, cancellationToken))
            {
                // The row was deleted (e.g. pruned after a long partition): register again.
                node.MarkUnregistered();
                Log.RowLost(logger, node.Id.Value);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            Log.HeartbeatFailed(logger, node.Id.Value, Describe(ex));
        }
    }

    private async Task RegisterAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await registry.RegisterAsync(node.Id, node.Hostname, PlatformVersion.Version, node.Secret, now, cancellationToken);
        node.MarkRegistered();
        Log.Registered(logger, node.Id.Value, PlatformVersion.Version, (int)settings.HeartbeatInterval.TotalSeconds);
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

    private static string Describe(Exception ex) => ex is PostgresException postgres ? $"{ex.GetType().Name} {postgres.SqlState}" : ex.GetType().Name;

    private static partial class Log
    {
        [LoggerMessage(EventId = 5401, Level = LogLevel.Information, Message = "Node {NodeId} registered (version {Version}, heartbeat every {IntervalSeconds} s)")]
        public static partial void Registered(ILogger logger, string nodeId, string version, int intervalSeconds);

        [LoggerMessage(EventId = 5402, Level = LogLevel.Warning, Message = "Node {NodeId} could not register ({ErrorType}); the node limit is not applied to it until registration succeeds, retried every heartbeat")]
        public static partial void RegistrationFailed(ILogger logger, string nodeId, string errorType);

        [LoggerMessage(EventId = 5403, Level = LogLevel.Warning, Message = "Node {NodeId} heartbeat failed ({ErrorType})")]
        public static partial void HeartbeatFailed(ILogger logger, string nodeId, string errorType);

        [LoggerMessage(EventId = 5404, Level = LogLevel.Warning, Message = "Node {NodeId}: its row is gone; registering again")]
        public static partial void RowLost(ILogger logger, string nodeId);

        [LoggerMessage(EventId = 5405, Level = LogLevel.Information, Message = "Node {NodeId} marked stopped")]
        public static partial void Stopped(ILogger logger, string nodeId);

        [LoggerMessage(EventId = 5406, Level = LogLevel.Warning, Message = "Node {NodeId} could not be marked stopped ({ErrorType}); it turns stale when its heartbeats stop")]
        public static partial void StopFailed(ILogger logger, string nodeId, string errorType);

        [LoggerMessage(EventId = 5407, Level = LogLevel.Warning, Message = "Node {NodeId} starts over the node limit: {Live} nodes live with it, the license allows {Limit}; new nodes are refused from {GraceEndsAt:O} unless the count drops")]
        public static partial void StartingOverLimit(ILogger logger, string nodeId, int live, int limit, DateTimeOffset graceEndsAt);

        [LoggerMessage(EventId = 5408, Level = LogLevel.Critical, Message = "Node {NodeId} refused to start: {Live} nodes are live, the license allows {Limit}, over the limit since {OverLimitSince:O} (longer than the grace)")]
        public static partial void StartRefused(ILogger logger, string nodeId, int live, int limit, DateTimeOffset overLimitSince);
    }
}
