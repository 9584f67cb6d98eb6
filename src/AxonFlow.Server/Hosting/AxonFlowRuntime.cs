using AxonFlow.Server.Configuration;

namespace AxonFlow.Server.Hosting;

/// <summary>Settings plus what start-up resolved from them: the pools to connect to and the credential hash key.</summary>
public sealed record AxonFlowRuntime(
    AxonFlowSettings Settings,
    string AppConnectionString,
    string? PlatformAdminConnectionString,
    string CredentialHashKey)
{
    /// <summary>Where provider settings (OPENAI_API_KEY, LLM_ROUTING_STRATEGY, …) are read; the host's configuration when null.</summary>
    public Microsoft.Extensions.Configuration.IConfiguration? ProviderConfiguration { get; init; }

    public override string ToString() => $"AxonFlowRuntime {{ {Settings} }}";
}
