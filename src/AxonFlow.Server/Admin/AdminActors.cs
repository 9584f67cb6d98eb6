using AxonFlow.Core.Identity;
using AxonFlow.Postgres.Audit;

namespace AxonFlow.Server.Admin;

/// <summary>
/// Who an admin request acts as, for the audit trail: the admin API, named by the optional self-declared
/// <c>X-Admin-Actor</c> header (an operator's name or ticket; the key itself is shared), plus request id and address.
/// </summary>
internal static class AdminActors
{
    public const string ActorHeader = "X-Admin-Actor";

    private const string DefaultActor = "admin";

    public static AuditActor From(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var declared = context.Request.Headers[ActorHeader].ToString();
        var id = ClientId.TryCreate(declared, out var valid) ? valid.Value.Value : DefaultActor;
        return new AuditActor("admin_api", id) { RequestId = context.TraceIdentifier, RemoteAddress = RemoteAddress(context) };
    }

    public static string RemoteAddress(HttpContext context) => Networking.ClientAddress.Of(context);
}
