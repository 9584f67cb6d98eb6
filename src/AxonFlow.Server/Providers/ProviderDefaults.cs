namespace AxonFlow.Server.Providers;

/// <summary>Defaults applied when a variable is unset; models follow the Go reference (§10) where it is still current.</summary>
internal static class ProviderDefaults
{
    public const string OpenAiEndpoint = "https://api.openai.com";
    public const string OpenAiModel = "gpt-4o";
    public const string AnthropicEndpoint = "https://api.anthropic.com";
    public const string AnthropicModel = "claude-sonnet-4-20250514";
    public const string AnthropicVersion = "2023-06-01";
    public const string AzureApiVersion = "2024-10-21";
    public const string OllamaModel = "llama3.1:latest";
    public const string LocalModel = "axonflow-local";

    /// <summary>Anthropic requires <c>max_tokens</c>; the Go agent's default budget.</summary>
    public const int MaxTokens = 4096;

    public const double MaxTimeoutSeconds = 3600;

    public const int CircuitFailureThreshold = 5;

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan CircuitBreakDuration = TimeSpan.FromSeconds(30);

    /// <summary>Connecting should never take the whole budget: a dead host is then detected while a retry still fits.</summary>
    public static readonly TimeSpan MaxConnectTimeout = TimeSpan.FromSeconds(10);
}
