using System.Globalization;
using AxonFlow.Core.Identity;
using AxonFlow.Server.Errors;

namespace AxonFlow.Server.Governance;

/// <summary>The per-client stage of the governed path: after authentication, before any policy or provider work.</summary>
internal sealed class ClientRateLimitMiddleware(RequestDelegate next, ClientRateLimiter limiter, TimeProvider timeProvider)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<CallerIdentity>() is not { } identity || !limiter.Enabled)
        {
            await next(context);
            return;
        }

        var decision = limiter.Acquire(identity);
        context.Response.Headers["X-RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["X-RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["X-RateLimit-Reset"] = decision.ResetAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        if (decision.Allowed)
        {
            await next(context);
            return;
        }

        var retryAfter = Math.Max(1, (int)Math.Ceiling((decision.ResetAt - timeProvider.GetUtcNow()).TotalSeconds));
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await ApiErrorWriter.WriteAsync(context, StatusCodes.Status429TooManyRequests, $"Rate limit exceeded: {decision.Limit} requests per minute for this client", ErrorReasons.RateLimited);
    }
}
