using System.Globalization;
using AxonFlow.Postgres.Credentials;

namespace AxonFlow.Server.Admin;

/// <summary>Checks admin input and says precisely what is wrong; every message names its field.</summary>
internal static class AdminValidation
{
    public const int MaxNameLength = 200;

    public const int MaxLabelLength = 200;

    public const int MaxPageSize = 200;

    public const int DefaultUsageDays = 30;

    public const string DefaultTier = "community";

    public static readonly IReadOnlyList<string> Tiers = ["community", "free", "pro", "professional", "enterprise", "plus", "evaluation"];

    public static readonly IReadOnlyList<string> Statuses = ["active", "suspended", "deleted"];

    public static string? Name(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "name is required"
        : name.Trim().Length > MaxNameLength ? $"name must be at most {MaxNameLength} characters, but was {name.Trim().Length}"
        : name.Any(char.IsControl) ? "name must not contain control characters"
        : null;

    public static string? Tier(string? tier) =>
        tier is null || Tiers.Contains(tier) ? null : $"tier must be one of {string.Join(", ", Tiers)}, but was '{Printable(tier)}'";

    public static string? Label(string? label) =>
        label is null ? null
        : label.Length > MaxLabelLength ? $"label must be at most {MaxLabelLength} characters, but was {label.Length}"
        : label.Any(char.IsControl) ? "label must not contain control characters"
        : null;

    public static string? ExpiresAt(DateTimeOffset? expiresAt, DateTimeOffset now) =>
        expiresAt is { } at && at <= now ? "expires_at must be in the future" : null;

    public static string? GraceSeconds(int? graceSeconds) =>
        graceSeconds is < 0 || graceSeconds > CredentialIssuer.MaxRotationGrace.TotalSeconds
            ? $"grace_seconds must be between 0 and {(int)CredentialIssuer.MaxRotationGrace.TotalSeconds}, but was {graceSeconds}"
            : null;

    public static string? Paging(int? page, int? pageSize, string? status) =>
        page is < 1 ? $"page must be 1 or more, but was {page}"
        : pageSize is < 1 or > MaxPageSize ? $"page_size must be between 1 and {MaxPageSize}, but was {pageSize}"
        : status is not null && !Statuses.Contains(status) ? $"status must be one of {string.Join(", ", Statuses)}, but was '{Printable(status)}'"
        : null;

    /// <summary>Whole UTC days, both ends included: the last <see cref="DefaultUsageDays"/> days up to today by default.</summary>
    public static bool TryDateRange(string? from, string? to, DateTimeOffset now, out DateOnly start, out DateOnly end, out string? error)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        start = default;
        end = today;
        error = null;
        if (to is not null && !TryDate(to, out end))
        {
            error = $"to must be a date (YYYY-MM-DD), but was '{Printable(to)}'";
            return false;
        }

        start = end.AddDays(-(DefaultUsageDays - 1));
        if (from is not null && !TryDate(from, out start))
        {
            error = $"from must be a date (YYYY-MM-DD), but was '{Printable(from)}'";
            return false;
        }

        error = end < start ? "from must not be after to"
            : end.DayNumber - start.DayNumber >= Postgres.Usage.UsageReader.MaxDays ? $"the range must span at most {Postgres.Usage.UsageReader.MaxDays} days"
            : null;
        return error is null;
    }

    private static bool TryDate(string value, out DateOnly date) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static string Printable(string value) => value.Length > 64 ? value[..64] + "…" : value;
}
