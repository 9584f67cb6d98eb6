using System.Text.Json;

namespace AxonFlow.IntegrationTests.Providers;

/// <summary>A request exactly as it arrived on the fake provider's socket.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, JsonElement Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
