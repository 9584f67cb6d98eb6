namespace AxonFlow.Server.Providers;

/// <summary>The names providers are routed, weighted, priced and reported by.</summary>
internal static class ProviderNames
{
    public const string OpenAi = "openai";
    public const string Anthropic = "anthropic";
    public const string AzureOpenAi = "azure-openai";
    public const string Ollama = "ollama";
    public const string Local = "local";

    public static string TypeOf(ProviderKind kind) => kind switch
    {
        ProviderKind.OpenAi => OpenAi,
        ProviderKind.Anthropic => Anthropic,
        _ => Local,
    };
}
