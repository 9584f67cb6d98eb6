namespace AxonFlow.Server.Providers;

/// <summary>Why no completion came back. The API layer maps these: Timeout → 504, UpstreamError and NoProviderAvailable → 502, ClientAborted → no response.</summary>
public enum LlmFailureKind
{
    /// <summary>Every attempt ran out of its provider's time budget.</summary>
    Timeout,

    /// <summary>A provider refused, failed (5xx, 429, connection error) or answered something unreadable.</summary>
    UpstreamError,

    /// <summary>No provider could be tried: every circuit is open.</summary>
    NoProviderAvailable,

    /// <summary>The caller went away; the work was stopped and no provider was blamed.</summary>
    ClientAborted,
}
