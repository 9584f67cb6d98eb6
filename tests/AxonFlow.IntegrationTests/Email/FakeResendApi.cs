using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AxonFlow.IntegrationTests.Email;

/// <summary>
/// A loopback stand-in for the Resend API: a real Kestrel host answering <c>POST /emails</c> with real JSON. Replies are
/// taken from <see cref="Replies"/> in order (then 200 with a fresh id); every request is recorded with its headers and body.
/// </summary>
public sealed class FakeResendApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _accepted;

    private FakeResendApi(WebApplication app) => _app = app;

    public Uri BaseUrl => new(_app.Urls.First() + "/");

    public ConcurrentQueue<ResendCall> Calls { get; } = new();

    /// <summary>Status and JSON body for the next requests, in order.</summary>
    public ConcurrentQueue<(int Status, string Json)> Replies { get; } = new();

    /// <summary>The <c>Retry-After</c> seconds sent with every non-2xx reply; null for none.</summary>
    public int? RetryAfterSeconds { get; set; }

    public static async Task<FakeResendApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var api = new FakeResendApi(app);
        app.MapPost("/emails", api.HandleAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return api;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        Calls.Enqueue(new ResendCall(
            context.Request.Headers.Authorization.ToString(),
            context.Request.Headers["Idempotency-Key"].ToString(),
            context.Request.ContentType ?? string.Empty,
            body.RootElement.Clone()));
        var (status, json) = Replies.TryDequeue(out var reply) ? reply : (200, $"{{\"id\":\"re_{Interlocked.Increment(ref _accepted)}\"}}");
        context.Response.StatusCode = status;
        if (status >= 300 && RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json, context.RequestAborted);
    }
}

/// <summary>One request the fake received.</summary>
public sealed record ResendCall(string Authorization, string IdempotencyKey, string ContentType, JsonElement Body);
