using AxonFlow.Core.Clients;
using AxonFlow.Core.Platform;

namespace AxonFlow.Server.Clients;

/// <summary>The response headers of client identification and their texts (ASCII, no caller data in the hint).</summary>
internal static class ClientHeaders
{
    public const string Client = ClientHeaderParser.HeaderName;

    /// <summary>Sent once per client (per process) that calls without <c>X-Axonflow-Client</c>.</summary>
    public const string UpgradeHint = "X-Axonflow-Upgrade-Hint";

    /// <summary>Sent on every response to a client whose version is below its floor in <c>/health</c>.</summary>
    public const string ClientWarning = "X-Axonflow-Client-Warning";

    public static string UpgradeHintText { get; } =
        $"No X-Axonflow-Client header: upgrade to an AxonFlow SDK >= {PlatformVersion.RecommendedSdkVersion} or a current plugin, which identify themselves " +
        "(supported versions: GET /health, sdk_floor and plugin_floor)";

    public static string WarningText(ClientIdentification client, ClientFloor floor) =>
        $"{client.HeaderValue} is below the minimum supported version {floor.Minimum} of {floor.Client} (recommended {floor.Recommended}); " +
        "it still works, but upgrade it (see GET /health)";
}
