namespace AxonFlow.IntegrationTests.Providers;

/// <summary>Builds the environment a test router is configured from: <c>new RouterConfig().OpenAi(a).Anthropic(b).Start()</c>.</summary>
public sealed class RouterConfig
{
    public const string OpenAiKey = "sk-test-openai-0123456789abcdefghijklmnop";
    public const string AnthropicKey = "sk-ant-test-anthropic-0123456789abcdefghij";
    public const string AzureKey = "azure-test-key-0123456789abcdef";

    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public RouterConfig OpenAi(FakeProviderServer server, string? timeoutSeconds = null) =>
        With("OPENAI_API_KEY", OpenAiKey).With("OPENAI_ENDPOINT", server.BaseUri.ToString()).With("OPENAI_TIMEOUT_SECONDS", timeoutSeconds);

    public RouterConfig OpenAi(Uri endpoint) => With("OPENAI_API_KEY", OpenAiKey).With("OPENAI_ENDPOINT", endpoint.ToString());

    public RouterConfig Anthropic(FakeProviderServer server, string? timeoutSeconds = null) =>
        With("ANTHROPIC_API_KEY", AnthropicKey).With("ANTHROPIC_ENDPOINT", server.BaseUri.ToString()).With("ANTHROPIC_TIMEOUT_SECONDS", timeoutSeconds);

    public RouterConfig Anthropic(Uri endpoint) => With("ANTHROPIC_API_KEY", AnthropicKey).With("ANTHROPIC_ENDPOINT", endpoint.ToString());

    public RouterConfig Strategy(string strategy) => With("LLM_ROUTING_STRATEGY", strategy);

    public RouterConfig Weights(string weights) => With("PROVIDER_WEIGHTS", weights);

    public RouterConfig With(string name, string? value)
    {
        if (value is not null)
        {
            _values[name] = value;
        }

        return this;
    }

    public IReadOnlyDictionary<string, string?> Values => _values;

    public RouterHost Start(TimeProvider? timeProvider = null) => RouterHost.Start(_values, timeProvider);
}
