namespace AxonFlow.Server.Providers.OpenAi;

internal sealed record OpenAiUsage(int PromptTokens, int CompletionTokens, int TotalTokens);
