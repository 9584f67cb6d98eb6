namespace AxonFlow.Server.Providers;

/// <summary>
/// A completion to route. <see cref="Provider"/> and <see cref="Model"/> are caller preferences: an unknown or unhealthy
/// provider falls back to routing, and the model applies only to the provider it was asked of (a retry on another provider
/// uses that provider's configured model).
/// </summary>
public sealed record LlmRequest(
    IReadOnlyList<LlmMessage> Messages,
    string? Model,
    string? Provider,
    int? MaxTokens,
    double? Temperature,
    string RequestId);
