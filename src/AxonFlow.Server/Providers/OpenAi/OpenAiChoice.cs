namespace AxonFlow.Server.Providers.OpenAi;

internal sealed record OpenAiChoice(int Index, OpenAiMessage? Message, string? FinishReason);
