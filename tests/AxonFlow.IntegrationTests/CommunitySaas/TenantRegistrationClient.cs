using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AxonFlow.Core.Identity;
using AxonFlow.IntegrationTests.Infrastructure;

namespace AxonFlow.IntegrationTests.CommunitySaas;

/// <summary>Registers tenants the way a customer does (POST /api/v1/register) and calls with their Basic credential.</summary>
internal static class TenantRegistrationClient
{
    public const string RegisterPath = "/api/v1/register";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A Community SaaS server with generous limits, so tests that are not about limits never hit them.</summary>
    public static Task<AxonFlowTestServer> StartAsync(TestDatabase database, TimeProvider? time = null, Func<Server.Configuration.AxonFlowSettings, Server.Configuration.AxonFlowSettings>? more = null) =>
        AxonFlowTestServer.StartAsync(
            database,
            settings =>
            {
                var saas = settings with
                {
                    Mode = DeploymentMode.CommunitySaas,
                    EnabledWorkers = new HashSet<Core.Isolation.AdminPoolWorker>(),
                    CommunitySaas = new Server.CommunitySaas.CommunitySaasSettings
                    {
                        RegistrationsPerIpPerHour = 10_000,
                        RequestsPerCredentialPerMinute = 10_000,
                        PublicUrl = "https://try.axonflow.test",
                    },
                };
                return more?.Invoke(saas) ?? saas;
            },
            time);

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string? body, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, RegisterPath)
        {
            Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"),
        };
        configure?.Invoke(request);
        return await client.SendAsync(request, Token);
    }

    /// <summary>Registers and returns (tenant id, secret); fails the test unless the answer is 201.</summary>
    public static async Task<(string TenantId, string Secret)> RegisterAsync(HttpClient client, string? email = null, string? label = null)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, string?> { ["label"] = label, ["email"] = email });
        using var response = await PostAsync(client, body);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"register: {(int)response.StatusCode} {text}");
        using var json = JsonDocument.Parse(text);
        return (json.RootElement.GetProperty("tenant_id").GetString()!, json.RootElement.GetProperty("secret").GetString()!);
    }

    public static async Task<HttpResponseMessage> SendAsBasicAsync(HttpClient client, HttpMethod method, string path, string tenantId, string secret, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = Basic(tenantId, secret);
        return await client.SendAsync(request, Token);
    }

    public static AuthenticationHeaderValue Basic(string tenantId, string secret) => AxonFlowTestServer.Basic(tenantId, secret);
}
