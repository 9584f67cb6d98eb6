using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AxonFlow.IntegrationTests.CommunitySaas;

/// <summary>A loopback stand-in for the Stripe API's customer deletion; records each call it receives.</summary>
internal sealed class FakeStripe : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeStripe(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Customer, string? Authorization)> Deletions { get; } = new();

    public Uri BaseUrl => new(_app.Urls.First());

    public static async Task<FakeStripe> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeStripe(app);
        app.MapDelete("/v1/customers/{id}", (string id, HttpRequest request) =>
        {
            fake.Deletions.Enqueue((id, request.Headers.Authorization.ToString()));
            return Results.Json(new { id, @object = "customer", deleted = true });
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return fake;
    }

    /// <summary>A loopback URL nothing listens on (Stripe being down).</summary>
    public static Uri Unreachable()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
