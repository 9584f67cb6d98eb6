using System.Net;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;

namespace AxonFlow.IntegrationTests.Governance;

/// <summary>Two agents on one database: a policy written through one node governs the other once PostgreSQL notifies it.</summary>
public sealed class MultiNodePolicyTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task PolicyCreatedOnNodeOne_IsEnforcedByNodeTwo()
    {
        await using var nodeOne = await AxonFlowTestServer.StartAsync(fixture.Database);
        await using var nodeTwo = await AxonFlowTestServer.StartAsync(fixture.Database);
        var writer = new GovernanceClient(nodeOne, "node-app");
        var reader = new GovernanceClient(nodeTwo, "node-app");
        Assert.True((await PreCheckAsync(reader, "What about Operation Nightjar?")).GetProperty("approved").GetBoolean());

        await HttpAssert.JsonAsync(await writer.PostAsync("/api/v1/static-policies", new { name = "Nightjar", category = "sensitive-data", pattern = "Nightjar", action = "block" }), HttpStatusCode.Created);

        var deadline = TimeProvider.System.GetTimestamp();
        bool approved;
        do
        {
            approved = (await PreCheckAsync(reader, "What about Operation Nightjar?")).GetProperty("approved").GetBoolean();
            if (approved)
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }
        }
        while (approved && TimeProvider.System.GetElapsedTime(deadline) < TimeSpan.FromSeconds(10));

        Assert.False(approved, "node two never learned of the policy written through node one");
    }

    private static async Task<System.Text.Json.JsonElement> PreCheckAsync(GovernanceClient client, string query) =>
        await HttpAssert.JsonAsync(await client.PostAsync("/api/policy/pre-check", new { query }), HttpStatusCode.OK);
}
