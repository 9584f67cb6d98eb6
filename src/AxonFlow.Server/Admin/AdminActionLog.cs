using AxonFlow.Core.Identity;
using AxonFlow.Postgres.Audit;

namespace AxonFlow.Server.Admin;

/// <summary>
/// One log line per admin change (who, what, which org; the time is the line's own). The durable record is the org's
/// <c>agent_audit_logs</c> row written in the change's transaction; neither ever holds a secret or the admin key.
/// </summary>
internal sealed partial class AdminActionLog(ILogger<AdminActionLog> logger)
{
    public void Record(AuditActor actor, string action, OrgId org, string resource) =>
        Log.Action(logger, action, resource, org.Value, actor.Id, actor.RemoteAddress ?? "unknown", actor.RequestId ?? string.Empty);

    private static partial class Log
    {
        [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Admin {Action} {Resource} (org {OrgId}) by {ActorId} from {RemoteAddress}, request {RequestId}")]
        public static partial void Action(ILogger logger, string action, string resource, string orgId, string actorId, string remoteAddress, string requestId);
    }
}
