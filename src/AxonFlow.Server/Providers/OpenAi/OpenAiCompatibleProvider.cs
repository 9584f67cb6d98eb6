using System.Net.Http.Headers;

namespace AxonFlow.Server.Providers.OpenAi;

/// <summary>
/// The OpenAI chat-completions wire format, spoken to OpenAI itself, Azure OpenAI (deployment path, <c>api-key</c> header),
/// Ollama's and vLLM's OpenAI-compatible APIs. Servers that omit <c>usage</c> get estimated token counts.
/// </summary>
internal sealed class OpenAiCompatibleProvider(ProviderEndpoint endpoint) : ILlmProvider, IDisposable
{
    private readonly ProviderHttpClient _http = new(endpoint);

    public ProviderEndpoint Endpoint => endpoint;

    public async Task<ProviderReply> CompleteAsync(LlmRequest request, string model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new OpenAiChatRequest(
            model,
            [.. request.Messages.Select(m => new OpenAiMessage(m.Role, m.Content))],
            request.MaxTokens,
            request.Temperature);

        var response = await _http.PostAsync(
            body, ProviderJsonContext.Default.OpenAiChatRequest, ProviderJsonContext.Default.OpenAiChatResponse, AddHeaders, cancellationToken);
        if (response.Failure is { } failure)
        {
            return failure;
        }

        var answer = response.Value!;
        if (answer.Choices is not [var first, ..])
        {
            return new ProviderReply.Failed($"{endpoint.Name} answered without choices (malformed response)", ProviderFault: true);
        }

        var content = first.Message?.Content ?? string.Empty;
        return new ProviderReply.Completed(
            answer.Model ?? model,
            content,
            answer.Usage?.PromptTokens ?? TokenEstimator.Estimate(request.Messages),
            answer.Usage?.CompletionTokens ?? TokenEstimator.Estimate(content));
    }

    public void Dispose() => _http.Dispose();

    private void AddHeaders(HttpRequestHeaders headers)
    {
        if (endpoint.ApiKey is not { } key)
        {
            return;
        }

        if (endpoint.UsesApiKeyHeader)
        {
            headers.Add("api-key", key);
        }
        else
        {
            headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
    }
}
