namespace AxonFlow.Server.Providers.OpenAi;

/// <summary>A chat message on the OpenAI wire; <c>content</c> is null in answers that only call tools.</summary>
internal sealed record OpenAiMessage(string Role, string? Content);
