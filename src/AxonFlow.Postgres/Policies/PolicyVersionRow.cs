namespace AxonFlow.Postgres.Policies;

/// <summary>One entry of a policy's history: what changed, the full snapshot after it, who and when.</summary>
public sealed record PolicyVersionRow(string PolicyId, string PolicyType, int Version, string ChangeType, string SnapshotJson, string ChangedBy, DateTimeOffset ChangedAt);
