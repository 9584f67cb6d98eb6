using AxonFlow.Postgres.Audit;

namespace AxonFlow.Server.Audit;

/// <summary>Turns request filters into an <see cref="AuditQuery"/>, or says precisely which one is wrong.</summary>
internal static class AuditQueryValidation
{
    public const int MaxLimit = 1000;

    private static readonly HashSet<string> Decisions = new(StringComparer.Ordinal) { "allowed", "blocked", "redacted", "error" };

    public static bool TryCreate(
        string? clientId,
        string? userId,
        string? requestType,
        string? decision,
        DateTimeOffset? start,
        DateTimeOffset? end,
        int? limit,
        int? offset,
        out AuditQuery query,
        out string? error)
    {
        query = new AuditQuery();
        error = limit is < 1 or > MaxLimit ? $"limit must be between 1 and {MaxLimit}, but was {limit}"
            : offset is < 0 ? $"offset must be 0 or more, but was {offset}"
            : decision is not null && !Decisions.Contains(decision) ? $"decision must be one of allowed, blocked, redacted, error, but was '{decision}'"
            : start is not null && end is not null && end < start ? "end_time must not be before start_time"
            : null;
        if (error is not null)
        {
            return false;
        }

        query = new AuditQuery
        {
            ClientId = Blank(clientId),
            UserId = Blank(userId),
            RequestType = Blank(requestType),
            Decision = decision,
            StartTime = start,
            EndTime = end,
            Limit = limit ?? 100,
            Offset = offset ?? 0,
        };
        return true;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
