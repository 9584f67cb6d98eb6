namespace AxonFlow.Postgres.Portal;

/// <summary>Counts over a set of audit records: every record is a request; blocked and redacted are decisions.</summary>
public sealed record UsageTotals(long Requests, long Blocked, long Redacted, long Tokens, decimal Cost)
{
    public static UsageTotals Zero { get; } = new(0, 0, 0, 0, 0m);
}

public sealed record DailyUsage(DateOnly Date, UsageTotals Usage);

public sealed record ClientUsage(string ClientId, UsageTotals Usage);

/// <summary>An org's usage over a UTC date range: totals, one entry per day (days without traffic included), per client.</summary>
public sealed record UsageReport(DateOnly From, DateOnly To, UsageTotals Totals, IReadOnlyList<DailyUsage> Daily, IReadOnlyList<ClientUsage> Clients);
