namespace AxonFlow.Server.Providers;

/// <summary>The wire format a provider speaks; several configured providers (OpenAI, Azure, Ollama) share one.</summary>
internal enum ProviderKind
{
    OpenAi,
    Anthropic,
    Local,
}
