namespace AxonFlow.Postgres.Usage;

/// <summary>An org's governed traffic over a range of UTC days (both ends included), from its audit trail.</summary>
public sealed record UsageReport(DateOnly From, DateOnly To, UsageCounts Totals, IReadOnlyList<UsageDay> Days, IReadOnlyList<UsageByClient> Clients);

/// <summary>Requests, the blocked ones among them, tokens and cost (USD).</summary>
public sealed record UsageCounts(long Requests, long Blocked, long Tokens, decimal CostUsd);

/// <summary>One UTC day; days without traffic are reported with zeros.</summary>
public sealed record UsageDay(DateOnly Day, UsageCounts Counts);

/// <summary>One client's share of the range.</summary>
public sealed record UsageByClient(string ClientId, UsageCounts Counts);
