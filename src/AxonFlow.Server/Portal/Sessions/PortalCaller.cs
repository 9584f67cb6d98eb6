using AxonFlow.Core.Identity;
using AxonFlow.Core.Portal;

namespace AxonFlow.Server.Portal.Sessions;

/// <summary>The signed-in portal user of a request, as the session middleware resolved it from the cookie.</summary>
public sealed record PortalCaller(Guid SessionId, OrgId Org, Guid UserId, string Email, PortalRole Role, DateTimeOffset SessionCreatedAt, DateTimeOffset SessionExpiresAt, DateTimeOffset IdleExpiresAt)
{
    /// <summary>
    /// The client id portal actions are attributed to (policy <c>changed_by</c>, audit, rate limits): <c>portal:</c> and the
    /// email, or the user id when the email has characters a client id cannot carry.
    /// </summary>
    public ClientId Client => ClientId.TryCreate("portal:" + Email, out var client) ? client.Value : ClientId.Create("portal:" + UserId.ToString("N"));
}

public static class HttpContextPortalExtensions
{
    /// <summary>The signed-in user; only endpoints marked <see cref="RequiresPortalSession"/> have one.</summary>
    public static PortalCaller GetPortalCaller(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<PortalCaller>()
            ?? throw new InvalidOperationException("This endpoint is not marked RequirePortalSession(); no portal session was resolved.");
    }
}
