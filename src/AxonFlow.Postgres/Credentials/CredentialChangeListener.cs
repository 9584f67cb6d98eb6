using AxonFlow.Core.Identity;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AxonFlow.Postgres.Credentials;

/// <summary>
/// Hears credential changes made by any node (LISTEN on <see cref="CredentialChangeChannel.Name"/>) and forgets the client
/// id in this node's <see cref="UnregisteredClientCache"/>, so a credential issued elsewhere is honoured on the next request
/// here. After a lost connection the whole cache is forgotten, because notifications sent while disconnected are gone.
/// </summary>
public sealed partial class CredentialChangeListener(
    NpgsqlDataSource dataSource,
    UnregisteredClientCache unregistered,
    TimeProvider timeProvider,
    ILogger<CredentialChangeListener> logger) : BackgroundService
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(2);

    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first LISTEN is in place (tests and start-up wait on it).</summary>
    public Task Listening => _listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += OnNotification;
                await using (var listen = new NpgsqlCommand($"LISTEN {CredentialChangeChannel.Name}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Whatever was remembered before this LISTEN may predate a credential issued while nobody listened.
                unregistered.ForgetAll();
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
        if (ClientId.TryCreate(e.Payload, out var client))
        {
            unregistered.Forget(client.Value);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5401, Level = LogLevel.Warning, Message = "Credential change listener lost its connection ({ErrorType}); reconnecting, unregistered client ids are forgotten")]
        public static partial void ListenFailed(ILogger logger, string errorType);
    }
}
