using AxonFlow.Server.Configuration;

namespace AxonFlow.Server.Hosting;

/// <summary>Settings plus what start-up resolved from them: the pools to connect to and the credential hash key.</summary>
public sealed record AxonFlowRuntime(
    AxonFlowSettings Settings,
    string AppConnectionString,
    string? PlatformAdminConnectionString,
    string CredentialHashKey)
{
    public override string ToString() => $"AxonFlowRuntime {{ {Settings} }}";
}
