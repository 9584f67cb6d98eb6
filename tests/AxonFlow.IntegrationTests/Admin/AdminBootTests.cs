using AxonFlow.Core.Identity;
using AxonFlow.IntegrationTests.Cli;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Server.Hosting;

namespace AxonFlow.IntegrationTests.Admin;

/// <summary>A SaaS deployment in production refuses to boot without ADMIN_API_KEY; elsewhere the key is optional.</summary>
public sealed class AdminBootTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Theory]
    [InlineData(DeploymentMode.Saas)]
    [InlineData(DeploymentMode.CommunitySaas)]
    public async Task SaasProductionWithoutAdminKey_RefusesToBoot(DeploymentMode mode)
    {
        var refused = await Assert.ThrowsAsync<BootRefusedException>(() =>
            AxonFlowTestServer.StartAsync(fixture.Database, s => s with { Mode = mode, Kind = DeploymentKind.Production, AdminApiKey = null }));

        var line = Assert.Single(refused.FatalLines);
        Assert.StartsWith("[admin-api] FATAL: ADMIN_API_KEY is required when DEPLOYMENT_MODE is saas or community-saas and DEPLOYMENT_KIND=production", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DeploymentMode.Saas, DeploymentKind.Production, AdminClient.Key)]
    [InlineData(DeploymentMode.Saas, DeploymentKind.Dev, null)]
    [InlineData(DeploymentMode.Enterprise, DeploymentKind.Production, null)]
    [InlineData(DeploymentMode.Community, DeploymentKind.Dev, null)]
    public async Task OtherwiseTheKeyIsOptional(DeploymentMode mode, DeploymentKind kind, string? key)
    {
        await using var server = await AxonFlowTestServer.StartAsync(fixture.Database, s => s with { Mode = mode, Kind = kind, AdminApiKey = key });

        var health = await server.Client.GetAsync("/health/live", TestContext.Current.CancellationToken);

        Assert.True(health.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Serve_SaasProductionWithoutAdminKey_PrintsTheFatalLineAndExitsOne()
    {
        var environment = new Dictionary<string, string>
        {
            ["DATABASE_URL"] = "postgres://axonflow:owner@db.invalid:5432/axonflow",
            ["AXONFLOW_DB_APP_ROLE_URL"] = "postgres://axonflow_app_role:app@db.invalid:5432/axonflow",
            ["AXONFLOW_DB_PLATFORM_ADMIN_URL"] = "postgres://axonflow_platform_admin:admin@db.invalid:5432/axonflow",
            ["AXONFLOW_CREDENTIAL_HASH_KEY"] = "credential-hash-key-0123456789abcdef",
            ["ORG_ID"] = "acme",
            ["DEPLOYMENT_MODE"] = "saas",
            ["DEPLOYMENT_KIND"] = "production",
        };

        var (exitCode, _, stderr) = await CliProcess.RunAsync(environment, "serve");

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("[admin-api] FATAL: ADMIN_API_KEY is required", line, StringComparison.Ordinal);
        Assert.DoesNotContain("owner@", stderr, StringComparison.Ordinal);
    }
}
