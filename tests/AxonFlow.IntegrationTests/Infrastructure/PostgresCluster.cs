using AxonFlow.Core.Identity;
using AxonFlow.Postgres.Embedded;
using AxonFlow.Postgres.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AxonFlow.IntegrationTests.Infrastructure;

/// <summary>
/// One embedded PostgreSQL cluster per test run (the same component `axonflow serve` uses), with a migrated template
/// database; each test class gets its own database copied from it. Disposed by <see cref="PostgresClusterAssemblyFixture"/>.
/// </summary>
public sealed class PostgresCluster
{
    public const string TemplateDatabase = "axonflow_template";

    private static readonly Lazy<Task<PostgresCluster>> Shared = new(StartAsync);

    private static int _databaseCounter;

    private PostgresCluster(EmbeddedPostgresCluster cluster, DatabaseConnectionStrings templateRoles, string appPassword, string adminPassword)
    {
        Cluster = cluster;
        TemplateConnectionStrings = templateRoles;
        AppPassword = appPassword;
        AdminPassword = adminPassword;
    }

    public EmbeddedPostgresCluster Cluster { get; }

    public DatabaseConnectionStrings TemplateConnectionStrings { get; }

    private string AppPassword { get; }

    private string AdminPassword { get; }

    public static Task<PostgresCluster> GetAsync() => Shared.Value;

    public static async Task StopIfStartedAsync()
    {
        if (Shared.IsValueCreated)
        {
            var cluster = await Shared.Value;
            await cluster.Cluster.StopAsync(CancellationToken.None);
            TryDelete(cluster.Cluster.Home);
        }
    }

    /// <summary>A fresh database with the full schema, copied from the migrated template.</summary>
    public async Task<TestDatabase> CreateDatabaseAsync(string purpose)
    {
        var name = $"t{Interlocked.Increment(ref _databaseCounter):D3}_{new string([.. purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(40)])}";
        await Cluster.EnsureDatabaseAsync(name, TemplateDatabase, CancellationToken.None);
        return ForDatabase(name);
    }

    /// <summary>A database with no schema at all, for migration tests.</summary>
    public async Task<TestDatabase> CreateEmptyDatabaseAsync(string purpose)
    {
        var name = $"e{Interlocked.Increment(ref _databaseCounter):D3}_{new string([.. purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(40)])}";
        await Cluster.EnsureDatabaseAsync(name, template: null, CancellationToken.None);
        return ForDatabase(name);
    }

    private TestDatabase ForDatabase(string name) => new(
        this,
        name,
        new DatabaseConnectionStrings(
            Cluster.OwnerConnectionString(name),
            Cluster.ConnectionString(Postgres.Roles.RuntimeRoles.AppRole, AppPassword, name),
            Cluster.ConnectionString(Postgres.Roles.RuntimeRoles.PlatformAdmin, AdminPassword, name)));

    internal async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Cluster.OwnerConnectionString("postgres"));
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {EmbeddedPostgresCluster.QuoteIdentifier(name)} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<PostgresCluster> StartAsync()
    {
        var home = Path.Combine(Path.GetTempPath(), $"axonflow-test-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}");
        var cluster = await EmbeddedPostgresCluster.StartAsync(
            new EmbeddedClusterOptions { Home = home, Durable = false, MaxConnections = 300 },
            NullLogger.Instance,
            CancellationToken.None);
        await cluster.EnsureDatabaseAsync(TemplateDatabase, template: null, CancellationToken.None);

        await using (var owner = NpgsqlDataSource.Create(cluster.OwnerConnectionString(TemplateDatabase)))
        {
            var migrator = new Migrator(owner, MigrationCatalog.Embedded, TimeProvider.System, NullLogger<Migrator>.Instance);
            await migrator.UpAsync(new MigrationContext(null, DeploymentKind.Dev), targetVersion: null, CancellationToken.None);
        }

        var appPassword = Core.Credentials.SecretGenerator.NewPassword();
        var adminPassword = Core.Credentials.SecretGenerator.NewPassword();
        await using (var connection = new NpgsqlConnection(cluster.OwnerConnectionString(TemplateDatabase)))
        {
            await connection.OpenAsync();
            await Postgres.Roles.RuntimeRoles.SetPasswordAsync(connection, Postgres.Roles.RuntimeRoles.AppRole, appPassword, CancellationToken.None);
            await Postgres.Roles.RuntimeRoles.SetPasswordAsync(connection, Postgres.Roles.RuntimeRoles.PlatformAdmin, adminPassword, CancellationToken.None);
        }

        // CREATE DATABASE ... TEMPLATE needs the template to have no open connections.
        NpgsqlConnection.ClearAllPools();
        var template = new DatabaseConnectionStrings(
            cluster.OwnerConnectionString(TemplateDatabase),
            cluster.ConnectionString(Postgres.Roles.RuntimeRoles.AppRole, appPassword, TemplateDatabase),
            cluster.ConnectionString(Postgres.Roles.RuntimeRoles.PlatformAdmin, adminPassword, TemplateDatabase));
        return new PostgresCluster(cluster, template, appPassword, adminPassword);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
