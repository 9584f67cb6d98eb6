namespace AxonFlow.Server.Providers;

/// <summary>
/// Sends a completion to one configured provider, retrying once on another healthy provider when the first fails.
/// Invariants: provider failures come back as <see cref="LlmResult.Failure"/> (never thrown); a cancelled
/// <c>cancellationToken</c> yields <see cref="LlmFailureKind.ClientAborted"/> and never counts against a provider's circuit;
/// API keys never appear in results, health or logs.
/// </summary>
public interface ILlmRouter
{
    Task<LlmResult> CompleteAsync(LlmRequest request, CancellationToken cancellationToken);

    IReadOnlyList<ProviderHealth> Health { get; }
}
