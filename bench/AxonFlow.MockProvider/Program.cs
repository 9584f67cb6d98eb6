using System.Globalization;
using System.Net;
using System.Text;

// A stand-in LLM provider for the load harness (bench/load/run.sh): answers POST /v1/chat/completions instantly with a
// fixed, valid OpenAI chat-completions body. No I/O, no per-request logging, loopback only, so what the harness measures
// through AxonFlow is AxonFlow's own cost. Port: first argument, else MOCK_PROVIDER_PORT, else 18081.
var port = MockPort.Resolve(args, Environment.GetEnvironmentVariable("MOCK_PROVIDER_PORT"));

var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Listen(IPAddress.Loopback, port);
});

var app = builder.Build();
app.MapPost("/v1/chat/completions", MockPort.WriteCompletionAsync);
app.MapGet("/health", MockPort.WriteHealthAsync);
await app.RunAsync();

internal static class MockPort
{
    private const int DefaultPort = 18081;

    private static readonly byte[] Completion = Encoding.UTF8.GetBytes(
        """{"id":"chatcmpl-mock","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"The weather is fine today."},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19}}""");

    private static readonly byte[] Healthy = Encoding.UTF8.GetBytes("""{"status":"ok"}""");

    public static int Resolve(string[] args, string? fromEnvironment)
    {
        var text = args.Length > 0 ? args[0] : fromEnvironment;
        if (string.IsNullOrWhiteSpace(text))
        {
            return DefaultPort;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : throw new ArgumentException($"Invalid port '{text}': expected 1-65535.", nameof(args));
    }

    public static Task WriteCompletionAsync(HttpContext context) => WriteAsync(context, Completion);

    public static Task WriteHealthAsync(HttpContext context) => WriteAsync(context, Healthy);

    private static Task WriteAsync(HttpContext context, byte[] body)
    {
        // The request body is not read: Kestrel drains it before reusing the connection, and parsing it is not the point.
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
