using AxonFlow.Core.Identity;

namespace AxonFlow.Server.Auth;

public static class HttpContextCallerExtensions
{
    /// <summary>The authenticated caller; only endpoints marked <see cref="RequiresCallerIdentity"/> have one.</summary>
    public static CallerIdentity GetCallerIdentity(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<CallerIdentity>()
            ?? throw new InvalidOperationException("This endpoint is not marked RequireCallerIdentity(); no caller identity was resolved.");
    }
}
