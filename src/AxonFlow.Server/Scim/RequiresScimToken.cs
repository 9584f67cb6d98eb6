using AxonFlow.Core.Identity;

namespace AxonFlow.Server.Scim;

/// <summary>Endpoint metadata: the caller must present <c>Authorization: Bearer &lt;SCIM token&gt;</c> (seed 002: SCIM is its own auth model).</summary>
public sealed class RequiresScimToken
{
    public static RequiresScimToken Instance { get; } = new();

    private RequiresScimToken()
    {
    }
}

/// <summary>The org a SCIM request provisions into, from its token.</summary>
public sealed record ScimCaller(Guid TokenId, OrgId Org);

public static class HttpContextScimExtensions
{
    public static ScimCaller GetScimCaller(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<ScimCaller>()
            ?? throw new InvalidOperationException("This endpoint is not marked RequiresScimToken; no SCIM token was resolved.");
    }
}
