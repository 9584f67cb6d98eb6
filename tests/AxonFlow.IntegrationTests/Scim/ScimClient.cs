using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AxonFlow.IntegrationTests.Infrastructure;

namespace AxonFlow.IntegrationTests.Scim;

/// <summary>An identity provider's SCIM client: bearer token, <c>application/scim+json</c> bodies.</summary>
internal sealed class ScimClient(AxonFlowTestServer server, string? token)
{
    private static readonly string[] UserSchemas = ["urn:ietf:params:scim:schemas:core:2.0:User"];

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<HttpResponseMessage> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    public Task<HttpResponseMessage> PostAsync(string path, string json) => SendAsync(HttpMethod.Post, path, json);

    public Task<HttpResponseMessage> PutAsync(string path, string json) => SendAsync(HttpMethod.Put, path, json);

    public Task<HttpResponseMessage> PatchAsync(string path, string json) => SendAsync(HttpMethod.Patch, path, json);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json, AuthenticationHeaderValue? authorization = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = authorization ?? (token is null ? null : new AuthenticationHeaderValue("Bearer", token));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/scim+json");
        }

        return await server.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static string User(string userName, string? externalId = null, bool active = true, string? password = null, string given = "Ada", string family = "Lovelace") =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["schemas"] = UserSchemas,
            ["userName"] = userName,
            ["externalId"] = externalId,
            ["name"] = new { givenName = given, familyName = family },
            ["emails"] = new[] { new { value = userName, type = "work", primary = true } },
            ["active"] = active,
            ["password"] = password,
            ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"] = new { department = "Research" },
        });
}
