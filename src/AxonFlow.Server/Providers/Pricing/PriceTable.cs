namespace AxonFlow.Server.Providers.Pricing;

/// <summary>
/// Per-provider, per-model prices. A model is found by exact name, then by the longest listed prefix (so dated snapshots such as
/// <c>gpt-4o-2024-08-06</c> price as <c>gpt-4o</c>), then by the provider's <c>*</c> row; a provider without a table of its own
/// (Azure OpenAI) falls back to its wire type's table. Anything still unknown is free rather than guessed.
/// </summary>
internal sealed class PriceTable
{
    public const string AnyModel = "*";

    private readonly Dictionary<string, Dictionary<string, ModelPrice>> _prices;

    private PriceTable(Dictionary<string, Dictionary<string, ModelPrice>> prices) => _prices = prices;

    /// <summary>The Go reference's cost-controls table (§9), with <c>*</c> rows at each family's flagship price.</summary>
    public static PriceTable Default => new(new Dictionary<string, Dictionary<string, ModelPrice>>(StringComparer.OrdinalIgnoreCase)
    {
        [ProviderNames.OpenAi] = Models(
            ("gpt-4o", new ModelPrice(0.0025m, 0.01m)),
            ("gpt-4o-mini", new ModelPrice(0.00015m, 0.0006m)),
            (AnyModel, new ModelPrice(0.0025m, 0.01m))),
        [ProviderNames.Anthropic] = Models(
            ("claude-sonnet-4", new ModelPrice(0.003m, 0.015m)),
            (AnyModel, new ModelPrice(0.003m, 0.015m))),
        ["gemini"] = Models(
            ("gemini-2.0-flash", new ModelPrice(0.0001m, 0.0004m))),
        [ProviderNames.Ollama] = Models((AnyModel, ModelPrice.Free)),
        [ProviderNames.Local] = Models((AnyModel, ModelPrice.Free)),
    });

    /// <summary>A copy where every row in <paramref name="overrides"/> replaces (or adds to) the built-in one.</summary>
    public PriceTable With(IReadOnlyDictionary<string, Dictionary<string, ModelPrice>> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var merged = new Dictionary<string, Dictionary<string, ModelPrice>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (provider, models) in _prices)
        {
            merged[provider] = new Dictionary<string, ModelPrice>(models, StringComparer.OrdinalIgnoreCase);
        }

        foreach (var (provider, models) in overrides)
        {
            if (!merged.TryGetValue(provider, out var table))
            {
                merged[provider] = table = new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase);
            }

            foreach (var (model, price) in models)
            {
                table[model] = price;
            }
        }

        return new PriceTable(merged);
    }

    public ModelPrice Find(string provider, string type, string model) =>
        Lookup(provider, model) ?? Lookup(type, model) ?? ModelPrice.Free;

    private ModelPrice? Lookup(string provider, string model)
    {
        if (!_prices.TryGetValue(provider, out var models))
        {
            return null;
        }

        if (models.TryGetValue(model, out var exact))
        {
            return exact;
        }

        ModelPrice? best = null;
        var bestLength = 0;
        foreach (var (listed, price) in models)
        {
            if (listed != AnyModel && listed.Length > bestLength && model.StartsWith(listed, StringComparison.OrdinalIgnoreCase))
            {
                best = price;
                bestLength = listed.Length;
            }
        }

        return best ?? (models.TryGetValue(AnyModel, out var any) ? any : null);
    }

    private static Dictionary<string, ModelPrice> Models(params (string Model, ModelPrice Price)[] rows) =>
        rows.ToDictionary(r => r.Model, r => r.Price, StringComparer.OrdinalIgnoreCase);
}
