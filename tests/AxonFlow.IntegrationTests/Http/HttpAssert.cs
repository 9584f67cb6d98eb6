using System.Net;
using System.Text.Json;

namespace AxonFlow.IntegrationTests.Http;

internal static class HttpAssert
{
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected} but got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The SDK error shape: a readable <c>error</c>, a stable <c>reason</c>, the request id.</summary>
    public static async Task<JsonElement> ErrorAsync(HttpResponseMessage response, HttpStatusCode expected, string reason)
    {
        var json = await JsonAsync(response, expected);
        Assert.Equal(reason, json.GetProperty("reason").GetString());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("error").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("request_id").GetString()));
        Assert.DoesNotContain("   at ", json.GetRawText(), StringComparison.Ordinal);
        return json;
    }
}
