using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AxonFlow.IntegrationTests.Infrastructure;

namespace AxonFlow.IntegrationTests.Http;

/// <summary>
/// docs/openapi.json is the reviewed API contract. It must equal what the running service describes; regenerate it with
/// AXONFLOW_UPDATE_OPENAPI=1 dotnet test after an intended API change, and review the diff.
/// </summary>
public sealed class OpenApiContractTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task CommittedOpenApiDocument_MatchesTheService()
    {
        await using var server = await AxonFlowTestServer.StartAsync(fixture.Database);
        var response = await server.Client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        var live = Normalise(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var path = Path.Combine(RepositoryRoot(), "docs", "openapi.json");

        if (Environment.GetEnvironmentVariable("AXONFLOW_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, live, TestContext.Current.CancellationToken);
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(File.Exists(path), "docs/openapi.json is missing; run AXONFLOW_UPDATE_OPENAPI=1 dotnet test");
        Assert.Equal(live, await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
        foreach (var route in new[] { "/api/request", "/api/v1/process", "/api/policy/pre-check", "/api/audit/llm-call", "/api/v1/audit/search", "/api/v1/static-policies", "/health" })
        {
            Assert.Contains($"\"{route}\"", live, StringComparison.Ordinal);
        }
    }

    /// <summary>Drops the server address so the document does not depend on the test's port.</summary>
    private static string Normalise(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("servers");
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AxonFlow.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (AxonFlow.slnx) was not found above the test binaries.");
    }
}
