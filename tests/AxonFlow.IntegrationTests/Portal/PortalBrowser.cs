using System.Net;
using System.Text;
using System.Text.Json;
using AxonFlow.IntegrationTests.Infrastructure;

namespace AxonFlow.IntegrationTests.Portal;

/// <summary>A portal user's browser: a real HttpClient with its own cookie jar against the test server.</summary>
internal sealed class PortalBrowser : IDisposable
{
    public const string CookieName = "axonflow_session";

    private readonly HttpClient _client;

    private PortalBrowser(Uri baseAddress)
    {
        BaseAddress = baseAddress;
        _client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
    }

    public CookieContainer Cookies { get; } = new();

    public Uri BaseAddress { get; }

    /// <summary>The session cookie the jar holds now, or null.</summary>
    public string? SessionToken => Cookies.GetCookies(BaseAddress)[CookieName]?.Value is { Length: > 0 } value ? value : null;

    public static PortalBrowser For(AxonFlowTestServer server) => new(server.Client.BaseAddress!);

    public Task<HttpResponseMessage> LoginAsync(string email, string password) => PostAsync("/api/v1/auth/login", new { email, password });

    public Task<HttpResponseMessage> GetAsync(string path) => _client.GetAsync(path, TestContext.Current.CancellationToken);

    public Task<HttpResponseMessage> DeleteAsync(string path) => _client.DeleteAsync(path, TestContext.Current.CancellationToken);

    public Task<HttpResponseMessage> PostAsync(string path, object body) => SendJsonAsync(HttpMethod.Post, path, JsonSerializer.Serialize(body));

    public Task<HttpResponseMessage> PutAsync(string path, object body) => SendJsonAsync(HttpMethod.Put, path, JsonSerializer.Serialize(body));

    public async Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string path, string json, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await _client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public void Dispose() => _client.Dispose();
}
