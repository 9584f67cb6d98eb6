using System.Net;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Server.CommunitySaas.Tiers;
using AxonFlow.Server.Licensing;
using Microsoft.Extensions.DependencyInjection;
using static AxonFlow.IntegrationTests.CommunitySaas.Tiers.TierTestHost;

namespace AxonFlow.IntegrationTests.CommunitySaas.Tiers;

/// <summary>Outside community-saas nothing of the tiers runs: no token check, no quota, no counter, no telemetry, no sweep.</summary>
public sealed class OtherModesTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CommunityMode_GovernedRequest_WithAGarbageToken_IsServedUncounted()
    {
        await using var server = await AxonFlowTestServer.StartAsync(fixture.Database, s => s with { PluginTokenKeys = PluginKeys });
        var credential = await server.IssueCredentialAsync("local-dev-org", "community-app");

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            responses.Add(await PreCheckAsync(server, "community-app", credential.Secret, "AXON-nonsense"));
        }

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(responses, r => Assert.False(r.Headers.Contains("X-Axonflow-Tier")));
        Assert.Equal(0, await DailyCountAsync(fixture.Database, "local-dev-org"));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM community_saas_request_telemetry"));
        Assert.DoesNotContain(server.Services.GetServices<ILicenseRevocationCheck>(), c => c is PluginLicenseRevocationCheck);
        Assert.Null(server.Services.GetService<RetentionSweepService>());
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var owner = fixture.Database.CreateOwnerDataSource();
        await using var command = owner.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync(Token))!;
    }
}
