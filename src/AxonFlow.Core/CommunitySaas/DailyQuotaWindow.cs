namespace AxonFlow.Core.CommunitySaas;

/// <summary>
/// The UTC day a quota counts in: the counter row's date, when it resets (the next UTC midnight) and the whole seconds
/// until then for <c>Retry-After</c> (at least 1).
/// </summary>
public sealed record DailyQuotaWindow(DateOnly Day, DateTimeOffset ResetAt, int RetryAfterSeconds)
{
    public static DailyQuotaWindow At(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        var day = DateOnly.FromDateTime(utc.UtcDateTime);
        var resetAt = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var seconds = (int)Math.Ceiling((resetAt - utc).TotalSeconds);
        return new DailyQuotaWindow(day, resetAt, Math.Max(1, seconds));
    }
}
