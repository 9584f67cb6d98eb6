using System.Diagnostics.CodeAnalysis;
using AxonFlow.Core.Platform;

namespace AxonFlow.Core.Clients;

/// <summary>The version floors <c>/health</c> advertises, applied to one identified client.</summary>
public static class ClientFloors
{
    private static readonly Dictionary<string, (ClientFloor Floor, ClientVersion Minimum)> Floors =
        PlatformVersion.SdkFloors.Concat(PlatformVersion.PluginFloors)
            .ToDictionary(f => f.Client, f => (f, ClientVersion.Parse(f.Minimum)), StringComparer.Ordinal);

    /// <summary>True when the client has a floor and its version is below that floor's minimum.</summary>
    public static bool IsBelowMinimum(ClientIdentification client, [NotNullWhen(true)] out ClientFloor? floor)
    {
        ArgumentNullException.ThrowIfNull(client);
        floor = null;
        if (client is not { ClientName: { } name, Version: { } version } || !Floors.TryGetValue(name, out var entry) || !version.IsBelow(entry.Minimum))
        {
            return false;
        }

        floor = entry.Floor;
        return true;
    }
}
