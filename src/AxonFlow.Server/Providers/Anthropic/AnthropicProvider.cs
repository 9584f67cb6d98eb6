using System.Net.Http.Headers;

namespace AxonFlow.Server.Providers.Anthropic;

/// <summary>
/// The Anthropic Messages API. System messages are joined into the top-level <c>system</c> field; every other role is sent as
/// <c>user</c> unless it is <c>assistant</c>, since the API accepts only those two.
/// </summary>
internal sealed class AnthropicProvider(ProviderEndpoint endpoint) : ILlmProvider, IDisposable
{
    private readonly ProviderHttpClient _http = new(endpoint);

    public ProviderEndpoint Endpoint => endpoint;

    public async Task<ProviderReply> CompleteAsync(LlmRequest request, string model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var system = string.Join("\n\n", request.Messages.Where(IsSystem).Select(m => m.Content));
        var body = new AnthropicMessagesRequest(
            model,
            request.MaxTokens ?? ProviderDefaults.MaxTokens,
            system.Length > 0 ? system : null,
            [.. request.Messages.Where(m => !IsSystem(m)).Select(m => new AnthropicMessage(IsAssistant(m) ? "assistant" : "user", m.Content))],
            request.Temperature);

        var response = await _http.PostAsync(
            body, ProviderJsonContext.Default.AnthropicMessagesRequest, ProviderJsonContext.Default.AnthropicMessagesResponse, AddHeaders, cancellationToken);
        if (response.Failure is { } failure)
        {
            return failure;
        }

        var answer = response.Value!;
        if (answer.Content is null)
        {
            return new ProviderReply.Failed($"{endpoint.Name} answered without content (malformed response)", ProviderFault: true);
        }

        var content = string.Concat(answer.Content.Where(b => b.Type == "text").Select(b => b.Text));
        return new ProviderReply.Completed(
            answer.Model ?? model,
            content,
            answer.Usage?.InputTokens ?? TokenEstimator.Estimate(request.Messages),
            answer.Usage?.OutputTokens ?? TokenEstimator.Estimate(content));
    }

    public void Dispose() => _http.Dispose();

    private void AddHeaders(HttpRequestHeaders headers)
    {
        headers.Add("x-api-key", endpoint.ApiKey);
        headers.Add("anthropic-version", ProviderDefaults.AnthropicVersion);
    }

    private static bool IsSystem(LlmMessage message) => string.Equals(message.Role, "system", StringComparison.OrdinalIgnoreCase);

    private static bool IsAssistant(LlmMessage message) => string.Equals(message.Role, "assistant", StringComparison.OrdinalIgnoreCase);
}
