namespace AxonFlow.Server.Providers;

/// <summary>
/// One provider's state for <c>/health</c>. <see cref="CircuitState"/> is <c>closed</c>, <c>open</c> or <c>half_open</c>;
/// <see cref="Requests"/> counts attempts and <see cref="Failures"/> the ones the provider was blamed for.
/// </summary>
public sealed record ProviderHealth(
    string Name,
    string Type,
    bool Healthy,
    string CircuitState,
    long Requests,
    long Failures,
    double? LastLatencyMs);
