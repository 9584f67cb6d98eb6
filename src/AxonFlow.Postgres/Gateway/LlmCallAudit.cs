namespace AxonFlow.Postgres.Gateway;

/// <summary>What the caller reports about the LLM call it made after an approved pre-check.</summary>
public sealed record LlmCallAudit(
    Guid ContextId,
    string Provider,
    string Model,
    int PromptTokens,
    int CompletionTokens,
    int TotalTokens,
    int LatencyMs,
    decimal? EstimatedCostUsd,
    string MetadataJson);
