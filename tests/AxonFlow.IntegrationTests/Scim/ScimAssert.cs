using System.Net;
using System.Text.Json;

namespace AxonFlow.IntegrationTests.Scim;

internal static class ScimAssert
{
    public static async Task<JsonElement> ResourceAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected} but got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/scim+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>RFC 7644 §3.12: the error schema, <c>status</c> as a string, and <c>scimType</c> when the RFC defines one.</summary>
    public static async Task<JsonElement> ErrorAsync(HttpResponseMessage response, HttpStatusCode expected, string? scimType = null)
    {
        var json = await ResourceAsync(response, expected);
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:Error", json.GetProperty("schemas")[0].GetString());
        Assert.Equal(((int)expected).ToString(System.Globalization.CultureInfo.InvariantCulture), json.GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("detail").GetString()));
        if (scimType is null)
        {
            Assert.False(json.TryGetProperty("scimType", out _));
        }
        else
        {
            Assert.Equal(scimType, json.GetProperty("scimType").GetString());
        }

        return json;
    }
}
