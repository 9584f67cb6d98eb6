using AxonFlow.Core.Identity;
using AxonFlow.Postgres.Notifications;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AxonFlow.Postgres.Policies;

/// <summary>
/// Hears policy changes made by any node (LISTEN on <see cref="PolicyChangeChannel.Name"/>) and tells subscribers which
/// org's compiled set is stale. After a lost connection every org is reported stale, because notifications sent while
/// disconnected are gone.
/// </summary>
public sealed partial class PolicyChangeListener(NpgsqlDataSource dataSource, TimeProvider timeProvider, ILogger<PolicyChangeListener> logger)
    : NotificationListener(dataSource, timeProvider)
{
    /// <summary>Raised with the org whose policies changed, or null when every org must be treated as changed.</summary>
    public event Action<OrgId?>? Changed;

    protected override string Channel => PolicyChangeChannel.Name;

    protected override void OnListening(bool reconnected)
    {
        if (reconnected)
        {
            Changed?.Invoke(null);
        }
    }

    protected override void OnPayload(string payload)
    {
        if (OrgId.TryCreate(payload, out var org))
        {
            Changed?.Invoke(org.Value);
        }
    }

    protected override void OnListenFailed(NpgsqlException exception) => Log.ListenFailed(logger, exception.GetType().Name);

    private static partial class Log
    {
        [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Policy change listener lost its connection ({ErrorType}); reconnecting, every org's policies will be reloaded")]
        public static partial void ListenFailed(ILogger logger, string errorType);
    }
}
