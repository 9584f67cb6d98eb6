namespace AxonFlow.Postgres.CommunitySaas.Tiers;

/// <summary>How long each tier keeps its audit rows.</summary>
public sealed record RetentionPeriods(TimeSpan Free, TimeSpan Pro, TimeSpan Premium);
