namespace AxonFlow.Server.Providers;

/// <summary>
/// Token counts for answers that carry no <c>usage</c> (the local provider, some OpenAI-compatible servers): about four
/// characters per token, the usual rule of thumb for English text with BPE tokenizers.
/// </summary>
internal static class TokenEstimator
{
    public static int Estimate(string text) => text.Length == 0 ? 0 : (text.Length + 3) / 4;

    public static int Estimate(IReadOnlyList<LlmMessage> messages) => messages.Sum(m => Estimate(m.Content));
}
