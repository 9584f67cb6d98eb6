namespace AxonFlow.Core.Platform;

/// <summary>What this build is and which client versions it advertises as floors in <c>/health</c> (seed 000).</summary>
public static class PlatformVersion
{
    public const string Service = "axonflow-agent";

    public const string Version = "9.0.0";

    public const string MinimumSdkVersion = "8.0.0";

    public const string RecommendedSdkVersion = "8.1.0";

    public static IReadOnlyList<ClientFloor> SdkFloors { get; } =
    [
        new("sdk-go", "8.0.0", "8.1.0"),
        new("sdk-python", "8.0.0", "8.1.0"),
        new("sdk-typescript", "8.0.0", "8.1.0"),
        new("sdk-java", "8.0.0", "8.1.0"),
        new("sdk-rust", "0.2.0", "0.3.1"),
    ];

    public static IReadOnlyList<ClientFloor> PluginFloors { get; } =
    [
        new("claude-code-plugin", "1.4.0", "1.5.0"),
        new("cursor-plugin", "1.4.0", "1.5.0"),
        new("codex-plugin", "1.4.0", "1.5.0"),
        new("openclaw", "2.4.0", "2.5.0"),
    ];
}

/// <summary>A client below <see cref="Minimum"/> gets a warning; <see cref="Recommended"/> is the floor operators should aim for.</summary>
public sealed record ClientFloor(string Client, string Minimum, string Recommended);
