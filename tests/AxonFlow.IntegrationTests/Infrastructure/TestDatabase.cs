using AxonFlow.Postgres.Embedded;
using Npgsql;

namespace AxonFlow.IntegrationTests.Infrastructure;

/// <summary>One test class's database, with DSNs for the owner, the app role and the platform admin.</summary>
public sealed class TestDatabase(PostgresCluster cluster, string name, DatabaseConnectionStrings connectionStrings) : IAsyncDisposable
{
    public string Name { get; } = name;

    public DatabaseConnectionStrings ConnectionStrings { get; } = connectionStrings;

    public PostgresCluster Cluster { get; } = cluster;

    public NpgsqlDataSource CreateOwnerDataSource() => NpgsqlDataSource.Create(ConnectionStrings.Owner);

    public NpgsqlDataSource CreateAppDataSource(int? maxPoolSize = null) => NpgsqlDataSource.Create(
        maxPoolSize is null ? ConnectionStrings.App : new NpgsqlConnectionStringBuilder(ConnectionStrings.App) { MaxPoolSize = maxPoolSize.Value }.ConnectionString);

    public NpgsqlDataSource CreateAdminDataSource() => NpgsqlDataSource.Create(ConnectionStrings.PlatformAdmin);

    public async ValueTask DisposeAsync() => await Cluster.DropDatabaseAsync(Name);
}
