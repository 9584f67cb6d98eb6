using Microsoft.Extensions.Hosting;
using Npgsql;

namespace AxonFlow.Postgres.Notifications;

/// <summary>
/// One dedicated connection LISTENing on a PostgreSQL channel for the life of the process: it reconnects after a lost
/// connection (notifications sent meanwhile are gone, so subclasses are told whether this LISTEN is a reconnect and treat
/// their caches as stale) and hands every payload to <see cref="OnPayload"/>.
/// </summary>
public abstract class NotificationListener(NpgsqlDataSource dataSource, TimeProvider timeProvider) : BackgroundService
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(2);

    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first LISTEN is in place (tests and start-up wait on it).</summary>
    public Task Listening => _listening.Task;

    /// <summary>The channel name; a fixed identifier, never caller input (it is spliced into <c>LISTEN</c>).</summary>
    protected abstract string Channel { get; }

    /// <summary>Called after each successful LISTEN, before any payload of that connection.</summary>
    protected abstract void OnListening(bool reconnected);

    protected abstract void OnPayload(string payload);

    protected abstract void OnListenFailed(NpgsqlException exception);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectedBefore = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => OnPayload(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                OnListening(connectedBefore);
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
                OnListenFailed(ex);
                await Task.Delay(ReconnectDelay, timeProvider, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
