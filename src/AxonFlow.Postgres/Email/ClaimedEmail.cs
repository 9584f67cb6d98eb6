namespace AxonFlow.Postgres.Email;

/// <summary>
/// A pending message a delivery worker has claimed: its lease (<c>next_attempt_at</c> moved past the send) keeps every
/// other worker off it. <paramref name="Attempt"/> counts this attempt (1 for the first).
/// </summary>
public sealed record ClaimedEmail(
    Guid Id,
    string OrgId,
    string Kind,
    string Recipient,
    string? Sender,
    string Subject,
    string? TextBody,
    string? HtmlBody,
    int Attempt,
    DateTimeOffset CreatedAt);
