namespace AxonFlow.Server.Providers;

/// <summary>One configured provider. <see cref="ToString"/> is written by hand so the API key can never reach a log or an exception.</summary>
internal sealed record ProviderEndpoint
{
    public required string Name { get; init; }

    public required ProviderKind Kind { get; init; }

    /// <summary>The full URL completions are POSTed to; null for the in-process local provider.</summary>
    public Uri? RequestUri { get; init; }

    public string? ApiKey { get; init; }

    public required string Model { get; init; }

    public TimeSpan Timeout { get; init; } = ProviderDefaults.Timeout;

    /// <summary>Azure OpenAI authenticates with an <c>api-key</c> header instead of a bearer token.</summary>
    public bool UsesApiKeyHeader { get; init; }

    public string Type => ProviderNames.TypeOf(Kind);

    public override string ToString() =>
        $"ProviderEndpoint {{ Name = {Name}, Type = {Type}, RequestUri = {RequestUri}, Model = {Model}, Timeout = {Timeout.TotalSeconds}s, HasApiKey = {ApiKey is not null} }}";
}
