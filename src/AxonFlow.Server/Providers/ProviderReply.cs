namespace AxonFlow.Server.Providers;

/// <summary>What one call to one provider produced. Cancellation is not a reply: it propagates, and the router classifies it.</summary>
internal abstract record ProviderReply
{
    private ProviderReply()
    {
    }

    public sealed record Completed(string Model, string Content, int PromptTokens, int CompletionTokens) : ProviderReply;

    /// <param name="Reason">Caller-safe: no key, at most a short sanitised excerpt of the upstream body.</param>
    /// <param name="ProviderFault">
    /// True when the provider is to blame (unreachable, 5xx, 429, bad credentials, unreadable answer): the call is retried
    /// elsewhere and counts against its circuit. False for a request the provider rejected as such (400, 404, 422).
    /// </param>
    public sealed record Failed(string Reason, bool ProviderFault) : ProviderReply;
}
