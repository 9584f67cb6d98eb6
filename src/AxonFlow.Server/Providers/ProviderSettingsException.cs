namespace AxonFlow.Server.Providers;

/// <summary>The LLM provider settings are unusable; every problem is listed, each naming its variable.</summary>
public sealed class ProviderSettingsException(IReadOnlyList<string> errors)
    : Exception("Invalid LLM provider configuration: " + string.Join("; ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
