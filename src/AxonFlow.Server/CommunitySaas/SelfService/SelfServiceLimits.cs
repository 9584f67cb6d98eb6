using System.Globalization;
using AxonFlow.Server.Errors;
using AxonFlow.Server.RateLimiting;

namespace AxonFlow.Server.CommunitySaas.SelfService;

/// <summary>
/// The fixed-window limits of recovery and erasure (this node's count). Per-IP limits answer 429 + <c>Retry-After</c>;
/// the per-email recovery limit is silent (the same 202, no email), because a 429 there would tell the caller that
/// somebody has been asking about that address.
/// </summary>
internal sealed class SelfServiceLimits(TimeProvider timeProvider)
{
    public FixedWindowLimiter RecoverPerIp { get; } = new(5, TimeSpan.FromMinutes(1), timeProvider);

    public FixedWindowLimiter RecoverPerEmail { get; } = new(3, TimeSpan.FromHours(1), timeProvider);

    public FixedWindowLimiter VerifyPerIp { get; } = new(20, TimeSpan.FromMinutes(1), timeProvider);

    public FixedWindowLimiter DeleteRequestPerIp { get; } = new(1, TimeSpan.FromMinutes(1), timeProvider);

    public FixedWindowLimiter DeleteRequestPerTenant { get; } = new(1, TimeSpan.FromHours(1), timeProvider);

    public FixedWindowLimiter DeleteConfirmPerIp { get; } = new(10, TimeSpan.FromMinutes(1), timeProvider);

    /// <summary>Null when allowed; otherwise the 429 to return (with <c>Retry-After</c>).</summary>
    public static IResult? Refusal(HttpContext context, FixedWindowLimiter limiter, string key)
    {
        var decision = limiter.TryAcquire(key);
        if (decision.Allowed)
        {
            return null;
        }

        context.Response.Headers.RetryAfter = decision.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return ApiErrorWriter.Result(context, StatusCodes.Status429TooManyRequests, "Too many requests; retry later", ErrorReasons.RateLimited);
    }
}
