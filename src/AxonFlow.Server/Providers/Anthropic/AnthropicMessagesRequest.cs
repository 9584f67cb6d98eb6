namespace AxonFlow.Server.Providers.Anthropic;

/// <summary>The body of <c>POST /v1/messages</c>; <c>max_tokens</c> is required by the API, <c>system</c> is top-level.</summary>
internal sealed record AnthropicMessagesRequest(string Model, int MaxTokens, string? System, IReadOnlyList<AnthropicMessage> Messages, double? Temperature);
