using AxonFlow.Core.Identity;
using AxonFlow.Postgres.Notifications;
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
    ILogger<CredentialChangeListener> logger) : NotificationListener(dataSource, timeProvider)
{
    protected override string Channel => CredentialChangeChannel.Name;

    // Whatever was remembered before this LISTEN may predate a credential issued while nobody listened.
    protected override void OnListening(bool reconnected) => unregistered.ForgetAll();

    protected override void OnPayload(string payload)
    {
        if (ClientId.TryCreate(payload, out var client))
        {
            unregistered.Forget(client.Value);
        }
    }

    protected override void OnListenFailed(NpgsqlException exception) => Log.ListenFailed(logger, exception.GetType().Name);

    private static partial class Log
    {
        [LoggerMessage(EventId = 5401, Level = LogLevel.Warning, Message = "Credential change listener lost its connection ({ErrorType}); reconnecting, unregistered client ids are forgotten")]
        public static partial void ListenFailed(ILogger logger, string errorType);
    }
}
