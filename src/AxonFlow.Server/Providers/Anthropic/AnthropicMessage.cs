namespace AxonFlow.Server.Providers.Anthropic;

/// <summary>A turn on the Messages API: role <c>user</c> or <c>assistant</c> (the system prompt travels separately).</summary>
internal sealed record AnthropicMessage(string Role, string Content);
