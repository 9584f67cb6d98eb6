using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AxonFlow.IntegrationTests.Infrastructure;

namespace AxonFlow.IntegrationTests.Governance;

/// <summary>Sends SDK-shaped JSON as one client, with Basic auth.</summary>
internal sealed class GovernanceClient(AxonFlowTestServer server, string clientId, string secret = "")
{
    public Task<HttpResponseMessage> PostAsync(string path, object body) => SendAsync(HttpMethod.Post, path, JsonSerializer.Serialize(body));

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json) => SendAsync(HttpMethod.Post, path, json);

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<HttpResponseMessage> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    public Task<HttpResponseMessage> PutJsonAsync(string path, string json) => SendAsync(HttpMethod.Put, path, json);

    public Task<HttpResponseMessage> PatchJsonAsync(string path, string json) => SendAsync(HttpMethod.Patch, path, json);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await server.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
