using System.Globalization;
using AxonFlow.Server.Configuration;

namespace AxonFlow.Server.Nodes;

/// <summary>Reads the <c>AXONFLOW_NODE_*</c> variables; each invalid value adds one error naming its variable.</summary>
internal static class NodeSettingsReader
{
    public static NodeSettings Read(Func<string, string?> value, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(errors);
        var defaults = new NodeSettings();
        var heartbeat = ReadWhole(value(SettingNames.NodeHeartbeatSeconds), SettingNames.NodeHeartbeatSeconds, (int)defaults.HeartbeatInterval.TotalSeconds, 1, 3600, "seconds", errors);
        var stale = ReadWhole(value(SettingNames.NodeStaleIntervals), SettingNames.NodeStaleIntervals, defaults.StaleAfterIntervals, 2, 100, "heartbeat intervals", errors);
        var grace = ReadWhole(value(SettingNames.NodeLimitGraceSeconds), SettingNames.NodeLimitGraceSeconds, (int)defaults.LimitGrace.TotalSeconds, 0, 7 * 24 * 3600, "seconds", errors);
        return new NodeSettings
        {
            HeartbeatInterval = TimeSpan.FromSeconds(heartbeat),
            StaleAfterIntervals = stale,
            LimitGrace = TimeSpan.FromSeconds(grace),
        };
    }

    private static int ReadWhole(string? raw, string name, int defaultValue, int minimum, int maximum, string unit, List<string> errors)
    {
        if (raw is null)
        {
            return defaultValue;
        }

        if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= minimum && parsed <= maximum)
        {
            return parsed;
        }

        errors.Add($"{name} must be a whole number of {unit} from {minimum} to {maximum}, but was '{(raw.Length > 64 ? raw[..64] + "…" : raw)}'.");
        return defaultValue;
    }
}
