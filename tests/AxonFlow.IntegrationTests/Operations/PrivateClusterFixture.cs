using AxonFlow.Core.Identity;
using AxonFlow.Postgres.Embedded;
using AxonFlow.Postgres.Migrations;
using AxonFlow.Postgres.Roles;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AxonFlow.IntegrationTests.Operations;

/// <summary>
/// Tests that change cluster-wide state (role passwords, role posture, WAL archiving) run on a cluster of their own, so
/// the shared cluster's roles stay as every other test class expects. The classes of this collection run one at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PrivateClusterGroup : ICollectionFixture<PrivateClusterFixture>
{
    public const string Name = "private-cluster";
}

/// <summary>A second embedded cluster with WAL archiving on (archive_mode needs a restart, so it is set once here).</summary>
public sealed class PrivateClusterFixture : IAsyncLifetime
{
    private static int _databaseCounter;
    private EmbeddedPostgresCluster? _cluster;

    public EmbeddedPostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("The private cluster is not started.");

    public string ArchiveDirectory { get; private set; } = string.Empty;

    /// <summary>An <c>archive_command</c> that copies each segment into <see cref="ArchiveDirectory"/>.</summary>
    public string WorkingArchiveCommand => $"cp %p {ArchiveDirectory}/%f";

    public async ValueTask InitializeAsync()
    {
        var home = Path.Combine(Path.GetTempPath(), $"axf-ops-{Guid.NewGuid().ToString("N")[..8]}");
        var options = new EmbeddedClusterOptions { Home = home, Durable = false, MaxConnections = 60 };
        _cluster = await EmbeddedPostgresCluster.StartAsync(options, NullLogger.Instance, CancellationToken.None);
        ArchiveDirectory = Path.Combine(home, "wal-archive");
        Directory.CreateDirectory(ArchiveDirectory);
        if (ProcessRunner.IsRoot)
        {
            await new ProcessRunner(runAsPostgres: true).ChownToPostgresAsync(ArchiveDirectory, CancellationToken.None);
        }

        await ExecuteAsync("postgres", "ALTER SYSTEM SET archive_mode = 'on'");
        await SetArchiveCommandAsync(WorkingArchiveCommand);
        await _cluster.StopAsync(CancellationToken.None);
        _cluster = await EmbeddedPostgresCluster.StartAsync(options, NullLogger.Instance, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAsync(CancellationToken.None);
            try
            {
                Directory.Delete(_cluster.Home, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    public string OwnerConnectionString(string database) => Cluster.OwnerConnectionString(database);

    /// <summary>A new database with no schema.</summary>
    public async Task<string> CreateEmptyDatabaseAsync(string purpose)
    {
        var name = $"p{Interlocked.Increment(ref _databaseCounter):D3}_{new string([.. purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(40)])}";
        await Cluster.EnsureDatabaseAsync(name, template: null, CancellationToken.None);
        return name;
    }

    /// <summary>A new, fully migrated database; migration 004 (re)creates any runtime role that is missing.</summary>
    public async Task<string> CreateMigratedDatabaseAsync(string purpose)
    {
        var name = await CreateEmptyDatabaseAsync(purpose);
        await using var owner = NpgsqlDataSource.Create(OwnerConnectionString(name));
        await new Migrator(owner, MigrationCatalog.Embedded, TimeProvider.System, NullLogger<Migrator>.Instance)
            .UpAsync(new MigrationContext(null, DeploymentKind.Dev), null, CancellationToken.None);
        return name;
    }

    /// <summary>Both runtime roles back to what migration 004 leaves: the right posture, LOGIN, no password, no comment.</summary>
    public Task ResetRuntimeRolesAsync() => ExecuteAsync("postgres", $"""
        ALTER ROLE {RuntimeRoles.AppRole} LOGIN NOBYPASSRLS NOSUPERUSER PASSWORD NULL;
        ALTER ROLE {RuntimeRoles.PlatformAdmin} LOGIN BYPASSRLS NOSUPERUSER PASSWORD NULL;
        COMMENT ON ROLE {RuntimeRoles.AppRole} IS NULL;
        COMMENT ON ROLE {RuntimeRoles.PlatformAdmin} IS NULL;
        """);

    /// <summary>Drops the three roles migration 004 creates, with their grants and objects in every database.</summary>
    public async Task DropRuntimeRolesAsync()
    {
        var databases = new List<string>();
        await using (var connection = new NpgsqlConnection(OwnerConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datallowconn ORDER BY datname", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                databases.Add(reader.GetString(0));
            }
        }

        const string Roles = $"{RuntimeRoles.AppRole}, {RuntimeRoles.PlatformAdmin}, {RuntimeRoles.AuthDefiner}";
        foreach (var database in databases)
        {
            await ExecuteAsync(database, $"""
                DO $$
                BEGIN
                    IF (SELECT count(*) FROM pg_roles WHERE rolname IN ('{RuntimeRoles.AppRole}', '{RuntimeRoles.PlatformAdmin}', '{RuntimeRoles.AuthDefiner}')) = 3 THEN
                        DROP OWNED BY {Roles} CASCADE;
                    END IF;
                END
                $$
                """);
        }

        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync("postgres", $"DROP ROLE IF EXISTS {Roles}");
    }

    /// <summary>Sets <c>archive_command</c> (test-controlled text without quotes) and reloads the configuration.</summary>
    public async Task SetArchiveCommandAsync(string command)
    {
        await ExecuteAsync("postgres", $"ALTER SYSTEM SET archive_command = '{command.Replace("'", "''", StringComparison.Ordinal)}'");
        await ExecuteAsync("postgres", "SELECT pg_reload_conf()");
    }

    public async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(OwnerConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(OwnerConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
