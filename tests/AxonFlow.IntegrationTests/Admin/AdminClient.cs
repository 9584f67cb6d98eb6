using System.Net;
using System.Text;
using System.Text.Json;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;

namespace AxonFlow.IntegrationTests.Admin;

/// <summary>Calls the admin API of one test server with <c>X-Admin-API-Key</c>, and governed endpoints with Basic auth.</summary>
internal sealed class AdminClient(AxonFlowTestServer server, string? key = AdminClient.Key)
{
    public const string Key = "admin-key-for-tests-0123456789";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<HttpResponseMessage> PostAsync(string path, object? body = null) =>
        SendAsync(HttpMethod.Post, path, body is null ? null : JsonSerializer.Serialize(body));

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json) => SendAsync(HttpMethod.Post, path, json);

    public Task<HttpResponseMessage> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    public async Task<JsonElement> CreateOrganizationAsync(string orgId, string name = "Test org", string? tier = null) =>
        await HttpAssert.JsonAsync(await PostAsync("/api/v1/admin/organizations", new { org_id = orgId, name, tier }), HttpStatusCode.Created);

    /// <summary>Issues a credential through the admin API and returns (client id, secret).</summary>
    public async Task<(string ClientId, string Secret)> IssueAsync(string orgId, string? clientId = null, string? label = null)
    {
        var json = await HttpAssert.JsonAsync(
            await PostAsync($"/api/v1/admin/organizations/{orgId}/credentials", new { client_id = clientId, label }),
            HttpStatusCode.Created);
        return (json.GetProperty("client_id").GetString()!, json.GetProperty("client_secret").GetString()!);
    }

    /// <summary>A governed request (GET /api/v1/identity) authenticated as the client.</summary>
    public Task<HttpResponseMessage> IdentityAsync(string clientId, string? secret) => IdentityAsync(server, clientId, secret);

    public static async Task<HttpResponseMessage> IdentityAsync(AxonFlowTestServer node, string clientId, string? secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/identity");
        request.Headers.Authorization = AxonFlowTestServer.Basic(clientId, secret ?? string.Empty);
        return await node.Client.SendAsync(request, Token);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Add("X-Admin-API-Key", key);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await server.Client.SendAsync(request, Token);
    }
}
