namespace AxonFlow.Server.Providers;

/// <summary>
/// The router's verdict: a completion or a classified failure; provider faults are values, never exceptions.
/// A failure's <c>Message</c> is safe to show a caller: it never contains an API key and at most a short excerpt of an upstream body.
/// </summary>
public abstract record LlmResult
{
    private LlmResult()
    {
    }

    public sealed record Success(LlmCompletion Completion) : LlmResult;

    /// <param name="Kind">The classification the API layer maps to a status code.</param>
    /// <param name="Message">A caller-safe description of what went wrong.</param>
    /// <param name="Provider">The last provider tried, if any.</param>
    public sealed record Failure(LlmFailureKind Kind, string Message, string? Provider) : LlmResult;
}
