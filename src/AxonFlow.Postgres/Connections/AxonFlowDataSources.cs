using Npgsql;

namespace AxonFlow.Postgres.Connections;

/// <summary>
/// The pools the service runs on. Request traffic uses <see cref="App"/> (the app role under FORCE RLS, or the legacy
/// owner DSN when <c>AXONFLOW_DB_USE_APP_ROLE=false</c>); cross-org workers use <see cref="PlatformAdmin"/>, which exists
/// only when its URL is configured so that nothing can fall back to the request pool silently.
/// </summary>
public sealed class AxonFlowDataSources : IAsyncDisposable
{
    private AxonFlowDataSources(NpgsqlDataSource app, NpgsqlDataSource? platformAdmin)
    {
        App = app;
        PlatformAdmin = platformAdmin;
    }

    public NpgsqlDataSource App { get; }

    public NpgsqlDataSource? PlatformAdmin { get; }

    public static AxonFlowDataSources Create(string appConnectionString, string? platformAdminConnectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(appConnectionString);
        var app = Build(appConnectionString, "axonflow-app");
        var admin = string.IsNullOrEmpty(platformAdminConnectionString) ? null : Build(platformAdminConnectionString, "axonflow-platform-admin");
        return new AxonFlowDataSources(app, admin);
    }

    public NpgsqlDataSource RequirePlatformAdmin(string worker) =>
        PlatformAdmin ?? throw new InvalidOperationException(
            $"{worker} needs the platform-admin pool, but AXONFLOW_DB_PLATFORM_ADMIN_URL is not configured.");

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        if (PlatformAdmin is not null)
        {
            await PlatformAdmin.DisposeAsync();
        }
    }

    private static NpgsqlDataSource Build(string connectionString, string applicationName)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = applicationName;
        }

        // The hot statements (credential lookup, set_config, the audit INSERT) run thousands of times per connection:
        // preparing them measured about +19 % throughput. A DSN that sets Max Auto Prepare itself (0 for an old PgBouncer
        // in transaction mode) is respected.
        if (!new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.ContainsKey("Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = 32;
            builder.AutoPrepareMinUsages = 2;
        }

        var dataSourceBuilder = new NpgsqlDataSourceBuilder(builder.ConnectionString) { Name = applicationName };
        return dataSourceBuilder.Build();
    }
}
