namespace AxonFlow.Server.Providers;

/// <summary>A provider's answer with what the audit row needs: who answered, token usage, latency of the answering call and its price.</summary>
public sealed record LlmCompletion(
    string Provider,
    string Model,
    string Content,
    int PromptTokens,
    int CompletionTokens,
    TimeSpan Latency,
    decimal CostUsd)
{
    public int TotalTokens => PromptTokens + CompletionTokens;
}
