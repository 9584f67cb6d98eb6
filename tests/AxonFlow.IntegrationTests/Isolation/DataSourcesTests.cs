using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Postgres.Connections;

namespace AxonFlow.IntegrationTests.Isolation;

/// <summary>The platform-admin pool exists only when configured, so no worker can fall back to the request pool.</summary>
public sealed class DataSourcesTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task PlatformAdmin_WithoutItsUrl_DoesNotExist()
    {
        await using var sources = AxonFlowDataSources.Create(fixture.Database.ConnectionStrings.App, null);

        Assert.Null(sources.PlatformAdmin);
        var error = Assert.Throws<InvalidOperationException>(() => sources.RequirePlatformAdmin("[NodeMonitor]"));
        Assert.Contains("AXONFLOW_DB_PLATFORM_ADMIN_URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlatformAdmin_WithItsUrl_ConnectsAsTheBypassRole()
    {
        await using var sources = AxonFlowDataSources.Create(fixture.Database.ConnectionStrings.App, fixture.Database.ConnectionStrings.PlatformAdmin);

        await using var command = sources.RequirePlatformAdmin("[NodeMonitor]").CreateCommand("SELECT current_user");

        Assert.Equal("axonflow_platform_admin", await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }
}
