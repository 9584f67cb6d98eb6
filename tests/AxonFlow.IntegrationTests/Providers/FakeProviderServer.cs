using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AxonFlow.IntegrationTests.Providers;

/// <summary>
/// A real HTTP server on 127.0.0.1 speaking the OpenAI chat-completions wire (<c>/v1/chat/completions</c> and the Azure
/// deployment path) and the Anthropic Messages wire (<c>/v1/messages</c>), with a switchable <see cref="Behavior"/>.
/// </summary>
public sealed class FakeProviderServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private volatile FakeBehavior _behavior = FakeBehavior.Answer;
    private int _aborted;

    private FakeProviderServer(WebApplication app) => _app = app;

    public FakeBehavior Behavior
    {
        get => _behavior;
        set => _behavior = value;
    }

    public string AnswerText { get; set; } = "Hello from the fake provider.";

    public int PromptTokens { get; set; } = 12;

    public int CompletionTokens { get; set; } = 7;

    /// <summary>The model named in answers; null echoes the requested one.</summary>
    public string? AnswerModel { get; set; }

    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(30);

    public Uri BaseUri => new(_app.Urls.First());

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public int RequestCount => _requests.Count;

    public RecordedRequest LastRequest => _requests.Last();

    /// <summary>How many held requests ended because the client went away: proof that upstream work was stopped.</summary>
    public int AbortedCount => Volatile.Read(ref _aborted);

    public static async Task<FakeProviderServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeProviderServer(app);
        app.MapPost("/v1/chat/completions", context => server.HandleAsync(context, anthropic: false));
        app.MapPost("/openai/deployments/{deployment}/chat/completions", context => server.HandleAsync(context, anthropic: false));
        app.MapPost("/v1/messages", context => server.HandleAsync(context, anthropic: true));
        await app.StartAsync(TestContext.Current.CancellationToken);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context, bool anthropic)
    {
        var aborted = context.RequestAborted;
        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: aborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
        _requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "", headers, body.RootElement.Clone()));

        var model = AnswerModel ?? (body.RootElement.TryGetProperty("model", out var m) ? m.GetString() : null) ?? "unknown";
        switch (_behavior)
        {
            case FakeBehavior.Answer or FakeBehavior.AnswerWithoutUsage:
                var withUsage = _behavior == FakeBehavior.Answer;
                await WriteAsync(context, StatusCodes.Status200OK, anthropic ? AnthropicAnswer(model, withUsage) : OpenAiAnswer(model, withUsage));
                break;
            case FakeBehavior.ServerError:
                await WriteAsync(context, StatusCodes.Status500InternalServerError, Error("The server had an error while processing your request.", "server_error"));
                break;
            case FakeBehavior.TooManyRequests:
                context.Response.Headers.RetryAfter = "20";
                await WriteAsync(context, StatusCodes.Status429TooManyRequests, Error("Rate limit reached for requests.", "rate_limit_exceeded"));
                break;
            case FakeBehavior.Unauthorized:
                var presented = headers.GetValueOrDefault("x-api-key") ?? headers.GetValueOrDefault("api-key") ?? headers.GetValueOrDefault("authorization") ?? "";
                await WriteAsync(context, StatusCodes.Status401Unauthorized, Error($"Incorrect API key provided: {presented}.", "invalid_api_key"));
                break;
            case FakeBehavior.BadRequest:
                await WriteAsync(context, StatusCodes.Status400BadRequest, Error("messages: at least one message is required", "invalid_request_error"));
                break;
            case FakeBehavior.MalformedJson:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"id\": \"chatcmpl-1\", \"choices\": [ {\"message\": ", aborted);
                break;
            case FakeBehavior.Hang:
                try
                {
                    await Task.Delay(Delay, aborted);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref _aborted);
                    return;
                }

                await WriteAsync(context, StatusCodes.Status200OK, anthropic ? AnthropicAnswer(model, true) : OpenAiAnswer(model, true));
                break;
        }
    }

    private JsonObject OpenAiAnswer(string model, bool withUsage)
    {
        var answer = new JsonObject
        {
            ["id"] = "chatcmpl-fake",
            ["object"] = "chat.completion",
            ["created"] = 1_700_000_000,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = AnswerText },
                ["finish_reason"] = "stop",
            }),
        };
        if (withUsage)
        {
            answer["usage"] = new JsonObject { ["prompt_tokens"] = PromptTokens, ["completion_tokens"] = CompletionTokens, ["total_tokens"] = PromptTokens + CompletionTokens };
        }

        return answer;
    }

    private JsonObject AnthropicAnswer(string model, bool withUsage)
    {
        // Two text blocks: the router must join them, not take the first.
        var half = AnswerText.Length / 2;
        var answer = new JsonObject
        {
            ["id"] = "msg_fake",
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = model,
            ["content"] = new JsonArray(
                new JsonObject { ["type"] = "text", ["text"] = AnswerText[..half] },
                new JsonObject { ["type"] = "text", ["text"] = AnswerText[half..] }),
            ["stop_reason"] = "end_turn",
        };
        if (withUsage)
        {
            answer["usage"] = new JsonObject { ["input_tokens"] = PromptTokens, ["output_tokens"] = CompletionTokens };
        }

        return answer;
    }

    private static JsonObject Error(string message, string type) =>
        new() { ["error"] = new JsonObject { ["message"] = message, ["type"] = type } };

    private static async Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
