namespace AxonFlow.Server.Providers;

/// <summary>The environment variables (and <c>appsettings</c> keys) that configure the LLM router; the names follow the Go agent's.</summary>
internal static class ProviderSettingNames
{
    public const string OpenAiApiKey = "OPENAI_API_KEY";
    public const string OpenAiEndpoint = "OPENAI_ENDPOINT";
    public const string OpenAiModel = "OPENAI_MODEL";
    public const string OpenAiTimeout = "OPENAI_TIMEOUT_SECONDS";

    public const string AnthropicApiKey = "ANTHROPIC_API_KEY";
    public const string AnthropicEndpoint = "ANTHROPIC_ENDPOINT";
    public const string AnthropicModel = "ANTHROPIC_MODEL";
    public const string AnthropicTimeout = "ANTHROPIC_TIMEOUT_SECONDS";

    public const string AzureEndpoint = "AZURE_OPENAI_ENDPOINT";
    public const string AzureApiKey = "AZURE_OPENAI_API_KEY";
    public const string AzureDeployment = "AZURE_OPENAI_DEPLOYMENT_NAME";
    public const string AzureApiVersion = "AZURE_OPENAI_API_VERSION";
    public const string AzureTimeout = "AZURE_OPENAI_TIMEOUT_SECONDS";

    public const string OllamaEndpoint = "OLLAMA_ENDPOINT";
    public const string OllamaModel = "OLLAMA_MODEL";
    public const string OllamaTimeout = "OLLAMA_TIMEOUT_SECONDS";

    public const string RoutingStrategy = "LLM_ROUTING_STRATEGY";
    public const string ProviderWeights = "PROVIDER_WEIGHTS";
    public const string DefaultProvider = "DEFAULT_LLM_PROVIDER";
    public const string PricingConfig = "AXONFLOW_PRICING_CONFIG";
}
