namespace AxonFlow.Server.Providers.Anthropic;

/// <summary>One block of an answer; only <c>text</c> blocks carry text.</summary>
internal sealed record AnthropicContentBlock(string? Type, string? Text);
