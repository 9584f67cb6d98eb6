using System.Globalization;

namespace AxonFlow.Core.Licensing;

/// <summary>
/// Dates in payloads: written as RFC 3339 UTC (<c>2027-06-30T23:59:59Z</c>); read as that, or as a bare date
/// (<c>2027-06-30</c> or the older <c>20270630</c>), which for <c>expires_at</c> means the end of that day in UTC.
/// </summary>
public static class LicenseDates
{
    private static readonly string[] DateTimeFormats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyyMMdd"];

    public static string Format(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The last second of <paramref name="date"/> in UTC: a license "expiring 2027-06-30" works all that day.</summary>
    public static DateTimeOffset EndOfDay(DateOnly date) => new(date.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.Zero);

    public static bool TryParse(string? text, bool endOfDay, out DateTimeOffset value)
    {
        value = default;
        if (text is null || text.Length > 40)
        {
            return false;
        }

        if (DateTimeOffset.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            value = endOfDay ? EndOfDay(date) : new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }

        return false;
    }
}
