namespace AxonFlow.Server.Providers.OpenAi;

/// <summary>The parts of a chat completion the router reads; everything else on the wire is ignored.</summary>
internal sealed record OpenAiChatResponse(string? Id, string? Model, IReadOnlyList<OpenAiChoice>? Choices, OpenAiUsage? Usage);
