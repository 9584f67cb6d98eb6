using System.Security.Cryptography;
using System.Text;

namespace AxonFlow.Server.Providers.Local;

/// <summary>
/// The built-in provider for a fresh install: no network, no key, and the same prompt always gets the same answer, so demos,
/// smoke tests and audit rows are reproducible. The answer quotes the last user message (the output scan still applies to it)
/// and a fingerprint of the whole conversation.
/// </summary>
internal sealed class LocalProvider(ProviderEndpoint endpoint) : ILlmProvider
{
    public const string AnswerPrefix = "AxonFlow local provider (deterministic): ";

    private const int QuoteChars = 200;

    public ProviderEndpoint Endpoint => endpoint;

    public Task<ProviderReply> CompleteAsync(LlmRequest request, string model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();

        var last = request.Messages.LastOrDefault(m => string.Equals(m.Role, "user", StringComparison.OrdinalIgnoreCase)) ?? (request.Messages.Count > 0 ? request.Messages[^1] : null);
        var quote = Quote(last?.Content ?? string.Empty);
        var content = $"{AnswerPrefix}received {request.Messages.Count} message(s); you said \"{quote}\" " +
            $"(fingerprint {Fingerprint(request.Messages)}). Set OPENAI_API_KEY or ANTHROPIC_API_KEY for real answers.";
        ProviderReply reply = new ProviderReply.Completed(model, content, TokenEstimator.Estimate(request.Messages), TokenEstimator.Estimate(content));
        return Task.FromResult(reply);
    }

    private static string Quote(string text)
    {
        var oneLine = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length > QuoteChars ? oneLine[..QuoteChars] + "…" : oneLine;
    }

    private static string Fingerprint(IReadOnlyList<LlmMessage> messages)
    {
        var text = string.Join("\n", messages.Select(m => m.Role + ":" + m.Content));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
    }
}
