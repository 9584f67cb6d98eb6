using System.Globalization;
using AxonFlow.Server.Providers.Pricing;
using AxonFlow.Server.Providers.Routing;
using Names = AxonFlow.Server.Providers.ProviderSettingNames;

namespace AxonFlow.Server.Providers;

/// <summary>
/// Reads <see cref="ProviderSettings"/> from configuration and reports every invalid value at once, each message naming its
/// variable. Values are trimmed (keys pasted from files often end in a newline); keys are never echoed.
/// The local provider is configured when no network provider is, or when <c>DEFAULT_LLM_PROVIDER</c> or <c>PROVIDER_WEIGHTS</c>
/// names it: it must never silently answer for a real provider that is down.
/// </summary>
internal static class ProviderSettingsReader
{
    public static ProviderSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new List<string>();
        string? Value(string name) => configuration[name] is { } raw && raw.Trim() is { Length: > 0 } trimmed ? trimmed : null;

        // Configuration order follows the Go bootstrap (anthropic, openai, ollama, azure) and breaks ties in failover.
        var providers = new List<ProviderEndpoint>();
        AddAnthropic(Value, providers, errors);
        AddOpenAi(Value, providers, errors);
        AddOllama(Value, providers, errors);
        AddAzure(Value, providers, errors);

        var strategy = ReadStrategy(Value(Names.RoutingStrategy), errors);
        var weightsValue = Value(Names.ProviderWeights);
        var weights = ParseWeights(weightsValue, errors);
        var defaultProvider = Value(Names.DefaultProvider)?.ToLowerInvariant();

        var wantsLocal = defaultProvider == ProviderNames.Local || (weights?.ContainsKey(ProviderNames.Local) ?? false);
        if (providers.Count == 0 || wantsLocal)
        {
            providers.Add(new ProviderEndpoint { Name = ProviderNames.Local, Kind = ProviderKind.Local, Model = ProviderDefaults.LocalModel });
        }

        var configured = providers.Select(p => p.Name).ToList();
        var configuredList = string.Join(", ", configured);
        if (defaultProvider is not null && !configured.Contains(defaultProvider, StringComparer.Ordinal))
        {
            errors.Add($"{Names.DefaultProvider} must name a configured provider ({configuredList}), but was '{Printable(defaultProvider)}'.");
        }

        foreach (var name in weights?.Keys.Where(n => !configured.Contains(n, StringComparer.Ordinal)) ?? [])
        {
            errors.Add($"{Names.ProviderWeights} names '{Printable(name)}', which is not a configured provider ({configuredList}).");
        }

        if (weights is not null && weights.Count > 0 && weights.Values.All(w => w == 0))
        {
            errors.Add($"{Names.ProviderWeights} must give at least one provider a positive weight, but was '{Printable(weightsValue!)}'.");
        }

        var prices = PriceTable.Default;
        if (Value(Names.PricingConfig) is { } pricingPath)
        {
            prices = prices.With(PriceFile.Read(pricingPath, errors));
        }

        if (errors.Count > 0)
        {
            throw new ProviderSettingsException(errors);
        }

        return new ProviderSettings
        {
            Providers = providers,
            Strategy = strategy,
            Weights = configured.ToDictionary(n => n, n => weights is null ? 1.0 : weights.GetValueOrDefault(n), StringComparer.Ordinal),
            DefaultProvider = defaultProvider,
            Prices = prices,
        };
    }

    private static void AddOpenAi(Func<string, string?> value, List<ProviderEndpoint> providers, List<string> errors)
    {
        var key = ReadKey(value(Names.OpenAiApiKey), Names.OpenAiApiKey, errors);
        var endpoint = value(Names.OpenAiEndpoint);

        // An endpoint without a key is a keyless OpenAI-compatible server (vLLM, llama.cpp, LM Studio): no Authorization header.
        if (key is null && endpoint is null)
        {
            return;
        }

        var baseUri = EndpointUrls.Read(endpoint ?? ProviderDefaults.OpenAiEndpoint, Names.OpenAiEndpoint, errors);
        providers.Add(new ProviderEndpoint
        {
            Name = ProviderNames.OpenAi,
            Kind = ProviderKind.OpenAi,
            RequestUri = baseUri is null ? null : EndpointUrls.OpenAiChat(baseUri),
            ApiKey = key,
            Model = value(Names.OpenAiModel) ?? ProviderDefaults.OpenAiModel,
            Timeout = ReadTimeout(value(Names.OpenAiTimeout), Names.OpenAiTimeout, errors),
        });
    }

    private static void AddAnthropic(Func<string, string?> value, List<ProviderEndpoint> providers, List<string> errors)
    {
        var key = ReadKey(value(Names.AnthropicApiKey), Names.AnthropicApiKey, errors);
        var endpoint = value(Names.AnthropicEndpoint);
        if (key is null)
        {
            if (endpoint is not null)
            {
                errors.Add($"{Names.AnthropicApiKey} is required when {Names.AnthropicEndpoint} is set (the Messages API always authenticates).");
            }

            return;
        }

        var baseUri = EndpointUrls.Read(endpoint ?? ProviderDefaults.AnthropicEndpoint, Names.AnthropicEndpoint, errors);
        providers.Add(new ProviderEndpoint
        {
            Name = ProviderNames.Anthropic,
            Kind = ProviderKind.Anthropic,
            RequestUri = baseUri is null ? null : EndpointUrls.AnthropicMessages(baseUri),
            ApiKey = key,
            Model = value(Names.AnthropicModel) ?? ProviderDefaults.AnthropicModel,
            Timeout = ReadTimeout(value(Names.AnthropicTimeout), Names.AnthropicTimeout, errors),
        });
    }

    private static void AddOllama(Func<string, string?> value, List<ProviderEndpoint> providers, List<string> errors)
    {
        if (value(Names.OllamaEndpoint) is not { } endpoint)
        {
            return;
        }

        // Ollama's OpenAI-compatible API (/v1/chat/completions) rather than /api/generate: one wire format, real token usage.
        var baseUri = EndpointUrls.Read(endpoint, Names.OllamaEndpoint, errors);
        providers.Add(new ProviderEndpoint
        {
            Name = ProviderNames.Ollama,
            Kind = ProviderKind.OpenAi,
            RequestUri = baseUri is null ? null : EndpointUrls.OpenAiChat(baseUri),
            Model = value(Names.OllamaModel) ?? ProviderDefaults.OllamaModel,
            Timeout = ReadTimeout(value(Names.OllamaTimeout), Names.OllamaTimeout, errors),
        });
    }

    private static void AddAzure(Func<string, string?> value, List<ProviderEndpoint> providers, List<string> errors)
    {
        var endpoint = value(Names.AzureEndpoint);
        var key = ReadKey(value(Names.AzureApiKey), Names.AzureApiKey, errors);
        var deployment = value(Names.AzureDeployment);
        if (endpoint is null && key is null)
        {
            return;
        }

        foreach (var (missing, name) in new[] { (endpoint, Names.AzureEndpoint), (key, Names.AzureApiKey), (deployment, Names.AzureDeployment) })
        {
            if (missing is null)
            {
                errors.Add($"{name} is required when Azure OpenAI is configured ({Names.AzureEndpoint}, {Names.AzureApiKey} and {Names.AzureDeployment} go together).");
            }
        }

        var baseUri = endpoint is null ? null : EndpointUrls.Read(endpoint, Names.AzureEndpoint, errors);
        var version = value(Names.AzureApiVersion) ?? ProviderDefaults.AzureApiVersion;
        var timeout = ReadTimeout(value(Names.AzureTimeout), Names.AzureTimeout, errors);
        if (baseUri is null || key is null || deployment is null)
        {
            return;
        }

        providers.Add(new ProviderEndpoint
        {
            Name = ProviderNames.AzureOpenAi,
            Kind = ProviderKind.OpenAi,
            RequestUri = EndpointUrls.AzureDeployment(baseUri, deployment, version),
            ApiKey = key,
            UsesApiKeyHeader = true,
            Model = deployment,
            Timeout = timeout,
        });
    }

    private static RoutingStrategy ReadStrategy(string? value, List<string> errors)
    {
        switch (value?.ToLowerInvariant())
        {
            case null or "weighted":
                return RoutingStrategy.Weighted;
            case "round_robin" or "round-robin" or "roundrobin":
                return RoutingStrategy.RoundRobin;
            case "failover":
                return RoutingStrategy.Failover;
            default:
                errors.Add($"{Names.RoutingStrategy} must be one of weighted, round_robin, failover, but was '{Printable(value)}'.");
                return RoutingStrategy.Weighted;
        }
    }

    private static Dictionary<string, double>? ParseWeights(string? value, List<string> errors)
    {
        if (value is null)
        {
            return null;
        }

        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var pair in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split(':', StringSplitOptions.TrimEntries);
            if (parts is not [{ Length: > 0 } name, var number]
                || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var weight)
                || !double.IsFinite(weight)
                || weight < 0)
            {
                errors.Add($"{Names.ProviderWeights} must be comma-separated provider:weight pairs with non-negative weights (e.g. openai:70,anthropic:30), but was '{Printable(value)}'.");
                return null;
            }

            if (!weights.TryAdd(name.ToLowerInvariant(), weight))
            {
                errors.Add($"{Names.ProviderWeights} must name each provider once, but names '{Printable(name)}' twice.");
            }
        }

        return weights;
    }

    /// <summary>A key travels in an HTTP header, so anything but visible ASCII would fail every request; the key itself is never echoed.</summary>
    private static string? ReadKey(string? value, string name, List<string> errors)
    {
        if (value is not null && value.Any(c => c is < '!' or > '~'))
        {
            errors.Add($"{name} must be visible ASCII without spaces or line breaks (it is sent in an HTTP header); check for a pasted line break or quote.");
        }

        return value;
    }

    private static TimeSpan ReadTimeout(string? value, string name, List<string> errors)
    {
        if (value is null)
        {
            return ProviderDefaults.Timeout;
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !double.IsFinite(seconds) || seconds <= 0)
        {
            errors.Add($"{name} must be a positive number, but was '{Printable(value)}'.");
            return ProviderDefaults.Timeout;
        }

        if (seconds > ProviderDefaults.MaxTimeoutSeconds)
        {
            errors.Add($"{name} must be at most {ProviderDefaults.MaxTimeoutSeconds} seconds, but was '{Printable(value)}'.");
            return ProviderDefaults.Timeout;
        }

        return TimeSpan.FromSeconds(seconds);
    }

    private static string Printable(string value) => value.Length > 64 ? value[..64] + "…" : value;
}
