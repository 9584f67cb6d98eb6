using AxonFlow.Core.Identity;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AxonFlow.Postgres.Policies;

/// <summary>
/// Hears policy changes made by any node (LISTEN on <see cref="PolicyChangeChannel.Name"/>) and tells subscribers which
/// org's compiled set is stale. After a lost connection every org is reported stale, because notifications sent while
/// disconnected are gone.
/// </summary>
public sealed partial class PolicyChangeListener(NpgsqlDataSource dataSource, TimeProvider timeProvider, ILogger<PolicyChangeListener> logger) : BackgroundService
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(2);

    /// <summary>Raised with the org whose policies changed, or null when every org must be treated as changed.</summary>
    public event Action<OrgId?>? Changed;

    /// <summary>Completes once the first LISTEN is in place (tests and start-up wait on it).</summary>
    public Task Listening => _listening.Task;

    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectedBefore = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += OnNotification;
                await using (var listen = new NpgsqlCommand($"LISTEN {PolicyChangeChannel.Name}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                if (connectedBefore)
                {
                    Changed?.Invoke(null);
                }

                connectedBefore = true;
                _listening.TrySetResult();
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (NpgsqlException ex)
            {
                Log.ListenFailed(logger, ex.GetType().Name);
                await Task.Delay(ReconnectDelay, timeProvider, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (OrgId.TryCreate(e.Payload, out var org))
        {
            Changed?.Invoke(org.Value);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Policy change listener lost its connection ({ErrorType}); reconnecting, every org's policies will be reloaded")]
        public static partial void ListenFailed(ILogger logger, string errorType);
    }
}
