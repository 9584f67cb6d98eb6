using AxonFlow.Core.Identity;

namespace AxonFlow.Server.Governance;

/// <summary>A prompt to govern end to end: the caller, what it asks, and its preferences for the provider call.</summary>
public sealed record GovernedRequest
{
    public required CallerIdentity Identity { get; init; }

    public required string RequestId { get; init; }

    public required string Query { get; init; }

    public required string RequestType { get; init; }

    public string? UserId { get; init; }

    public IReadOnlyDictionary<string, string> User { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Context { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public string? Provider { get; init; }

    public string? Model { get; init; }

    public int? MaxTokens { get; init; }

    public double? Temperature { get; init; }

    public string? ClientHeader { get; init; }
}
