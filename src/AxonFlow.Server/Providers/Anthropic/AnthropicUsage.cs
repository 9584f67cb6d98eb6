namespace AxonFlow.Server.Providers.Anthropic;

internal sealed record AnthropicUsage(int InputTokens, int OutputTokens);
