using AxonFlow.Postgres.Notifications;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AxonFlow.Postgres.Email;

/// <summary>
/// Hears a message queued on any node (LISTEN on <see cref="EmailOutboxChannel.Name"/>) and wakes this node's delivery
/// worker. After a lost connection it wakes the worker too: notifications sent meanwhile are gone, and a drain is cheap.
/// </summary>
public sealed partial class EmailOutboxListener(NpgsqlDataSource dataSource, TimeProvider timeProvider, Action wake, ILogger<EmailOutboxListener> logger)
    : NotificationListener(dataSource, timeProvider)
{
    protected override string Channel => EmailOutboxChannel.Name;

    protected override void OnListening(bool reconnected)
    {
        if (reconnected)
        {
            wake();
        }
    }

    protected override void OnPayload(string payload) => wake();

    protected override void OnListenFailed(NpgsqlException exception) => Log.ListenFailed(logger, exception.GetType().Name);

    private static partial class Log
    {
        [LoggerMessage(EventId = 7449, Level = LogLevel.Warning, Message = "Email outbox listener lost its connection ({ErrorType}); reconnecting, queued messages are still sent at the next poll")]
        public static partial void ListenFailed(ILogger logger, string errorType);
    }
}
