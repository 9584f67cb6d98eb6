using AxonFlow.Core.Licensing;

namespace AxonFlow.Core.Clients;

/// <summary>
/// The client ids the agent recognises in <c>X-Axonflow-Client</c> (seed 001), in one place: the AxonFlow plugins map to
/// the plugin scope, <c>sdk-*</c> to the SDK scope, anything else to full. Every client with a floor in
/// <see cref="Platform.PlatformVersion"/> is listed here (a unit test holds the two together).
/// </summary>
public static class KnownClients
{
    public const string SdkPrefix = "sdk-";

    public static IReadOnlyList<string> PluginIds { get; } = ["openclaw", "claude-code-plugin", "cursor-plugin", "codex-plugin", "n8n-plugin"];

    /// <summary>The official SDKs; other <c>sdk-*</c> ids still have the SDK scope, but are counted as <c>other</c>.</summary>
    public static IReadOnlyList<string> SdkIds { get; } = ["sdk-go", "sdk-python", "sdk-typescript", "sdk-java", "sdk-rust"];

    private static readonly HashSet<string> Plugins = new(PluginIds, StringComparer.Ordinal);

    private static readonly HashSet<string> Sdks = new(SdkIds, StringComparer.Ordinal);

    /// <summary>The scope of a (lower-case, well-formed) client id.</summary>
    public static LicenseScope ScopeOf(string clientName)
    {
        ArgumentNullException.ThrowIfNull(clientName);
        return Plugins.Contains(clientName) ? LicenseScope.Plugin
            : clientName.Length > SdkPrefix.Length && clientName.StartsWith(SdkPrefix, StringComparison.Ordinal) ? LicenseScope.Sdk
            : LicenseScope.Full;
    }

    /// <summary>True for a listed plugin or official SDK: the ids telemetry names individually.</summary>
    public static bool IsKnown(string clientName) => Plugins.Contains(clientName) || Sdks.Contains(clientName);
}
