namespace AxonFlow.Postgres.Audit;

/// <summary>Group-commit tuning: how many rows one transaction may carry and how many requests may wait.</summary>
public sealed class AuditWriterOptions
{
    public int MaxBatchSize { get; set; } = 512;

    public int MaxQueuedRecords { get; set; } = 20_000;
}
