using System.Text.Json;

namespace AxonFlow.Server.Providers.Pricing;

/// <summary>
/// Reads <c>AXONFLOW_PRICING_CONFIG</c>: <c>{"openai": {"gpt-4o": {"input": 0.0025, "output": 0.01}, "*": {…}}, "anthropic": {…}}</c>,
/// prices in US dollars per 1,000 tokens. Rows replace the built-in ones; providers and models not listed keep their defaults.
/// </summary>
internal static class PriceFile
{
    private const long MaxBytes = 1024 * 1024;

    public static Dictionary<string, Dictionary<string, ModelPrice>> Read(string path, List<string> errors)
    {
        var name = ProviderSettingNames.PricingConfig;
        var prices = new Dictionary<string, Dictionary<string, ModelPrice>>(StringComparer.OrdinalIgnoreCase);
        Dictionary<string, Dictionary<string, PriceFileEntry>>? file;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                errors.Add($"{name} must name a readable JSON file, but '{path}' does not exist.");
                return prices;
            }

            if (info.Length > MaxBytes)
            {
                errors.Add($"{name} must name a JSON file of at most {MaxBytes} bytes, but '{path}' has {info.Length}.");
                return prices;
            }

            file = JsonSerializer.Deserialize(File.ReadAllBytes(path), ProviderJsonContext.Default.PriceFileDocument);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add($"{name} must name a readable JSON file, but '{path}' could not be read ({ex.GetType().Name}).");
            return prices;
        }
        catch (JsonException ex)
        {
            errors.Add($"{name} must be a JSON object of provider → model → {{\"input\", \"output\"}} prices per 1K tokens, but '{path}' is not ({ex.Message}).");
            return prices;
        }

        foreach (var (provider, models) in file ?? [])
        {
            var table = prices[provider.Trim()] = new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase);
            foreach (var (model, entry) in models ?? [])
            {
                if (entry is not { Input: { } input, Output: { } output } || input < 0 || output < 0)
                {
                    errors.Add($"{name} must give '{provider}'/'{model}' non-negative \"input\" and \"output\" prices per 1K tokens, but '{path}' does not.");
                    continue;
                }

                table[model.Trim()] = new ModelPrice(input, output);
            }
        }

        return prices;
    }
}
