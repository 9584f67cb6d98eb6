using System.Globalization;
using System.Text.Json;
using AxonFlow.Server.Errors;

namespace AxonFlow.Server.CommunitySaas.Tiers;

/// <summary>The quota headers on every governed Community SaaS response, and the 429 answer once the day's cap is reached.</summary>
internal static class QuotaResponses
{
    public const string TierHeader = "X-Axonflow-Tier";
    public const string LimitHeader = "X-Axonflow-Quota-Limit";
    public const string RemainingHeader = "X-Axonflow-Quota-Remaining";
    public const string ResetHeader = "X-Axonflow-Quota-Reset";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static void SetHeaders(HttpResponse response, CommunitySaasRequestTier tier)
    {
        response.Headers[TierHeader] = tier.TierName;
        response.Headers[LimitHeader] = tier.DailyLimit.ToString(CultureInfo.InvariantCulture);
        response.Headers[RemainingHeader] = tier.Remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers[ResetHeader] = FormatReset(tier);
    }

    public static Task WriteExceededAsync(HttpContext context, CommunitySaasRequestTier tier)
    {
        var resetAt = FormatReset(tier);
        var who = tier.Tier is null ? "callers without a tier" : $"the {tier.TierName} tier";
        var body = new QuotaExceededError(
            $"Daily quota exceeded: {who} allows {tier.DailyLimit.ToString(CultureInfo.InvariantCulture)} governed requests per UTC day; it resets at {resetAt}",
            ErrorReasons.QuotaExceeded,
            context.TraceIdentifier,
            tier.TierName,
            tier.DailyLimit,
            resetAt,
            tier.Window.RetryAfterSeconds);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = tier.Window.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["X-Request-ID"] = context.TraceIdentifier;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json), context.RequestAborted);
    }

    private static string FormatReset(CommunitySaasRequestTier tier) =>
        tier.Window.ResetAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
