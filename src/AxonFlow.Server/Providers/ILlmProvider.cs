namespace AxonFlow.Server.Providers;

/// <summary>
/// One configured upstream. Implementations turn every provider fault into <see cref="ProviderReply.Failed"/> and let only
/// <see cref="OperationCanceledException"/> escape, so the router alone decides between a timeout and a client abort.
/// </summary>
internal interface ILlmProvider
{
    ProviderEndpoint Endpoint { get; }

    Task<ProviderReply> CompleteAsync(LlmRequest request, string model, CancellationToken cancellationToken);
}
