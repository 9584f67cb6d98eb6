namespace AxonFlow.Server.Providers.Anthropic;

/// <summary>The parts of a Messages API answer the router reads.</summary>
internal sealed record AnthropicMessagesResponse(string? Id, string? Type, string? Model, IReadOnlyList<AnthropicContentBlock>? Content, string? StopReason, AnthropicUsage? Usage);
