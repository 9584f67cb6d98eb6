namespace AxonFlow.Server.Configuration;

/// <summary>The configuration is unusable; every problem is listed, each naming its variable.</summary>
public sealed class SettingsException(IReadOnlyList<string> errors)
    : Exception("Invalid configuration: " + string.Join("; ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
