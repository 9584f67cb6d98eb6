namespace AxonFlow.Server.Providers.OpenAi;

/// <summary>The body of <c>POST /v1/chat/completions</c>; unset options are omitted so the server's defaults apply.</summary>
internal sealed record OpenAiChatRequest(string Model, IReadOnlyList<OpenAiMessage> Messages, int? MaxTokens, double? Temperature);
