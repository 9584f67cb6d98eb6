using AxonFlow.Core.Credentials;
using AxonFlow.Postgres.Connections;
using AxonFlow.Postgres.Roles;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AxonFlow.Postgres.Embedded;

/// <summary>
/// The embedded default: a private cluster with the <c>axonflow</c> database, whose runtime roles get generated passwords
/// (kept 0600 under <c>secrets/</c>) once migrations have created them, and whose DSNs are written to <c>connection.env</c>.
/// </summary>
public sealed class EmbeddedDatabase : IAsyncDisposable
{
    public const string DatabaseName = "axonflow";

    private EmbeddedDatabase(EmbeddedPostgresCluster cluster, string database)
    {
        Cluster = cluster;
        Database = database;
    }

    public EmbeddedPostgresCluster Cluster { get; }

    public string Database { get; }

    public string OwnerConnectionString => Cluster.OwnerConnectionString(Database);

    public string ConnectionEnvPath => Path.Combine(Cluster.Home, "connection.env");

    public static async Task<EmbeddedDatabase> StartAsync(EmbeddedClusterOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var cluster = await EmbeddedPostgresCluster.StartAsync(options, logger, cancellationToken);
        try
        {
            await cluster.EnsureDatabaseAsync(DatabaseName, template: null, cancellationToken);
            return new EmbeddedDatabase(cluster, DatabaseName);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sets the runtime roles' passwords (generated on first run, reused after); call once migrations have created the roles.</summary>
    public async Task<DatabaseConnectionStrings> ProvisionRuntimeRolesAsync(CancellationToken cancellationToken)
    {
        var appPassword = SecretFile.ReadOrCreate(Path.Combine(Cluster.SecretsDirectory, "app_role.password"), SecretGenerator.NewPassword);
        var adminPassword = SecretFile.ReadOrCreate(Path.Combine(Cluster.SecretsDirectory, "platform_admin.password"), SecretGenerator.NewPassword);
        await using (var owner = new NpgsqlConnection(OwnerConnectionString))
        {
            await owner.OpenAsync(cancellationToken);
            await RuntimeRoles.SetPasswordAsync(owner, RuntimeRoles.AppRole, appPassword, cancellationToken);
            await RuntimeRoles.SetPasswordAsync(owner, RuntimeRoles.PlatformAdmin, adminPassword, cancellationToken);
        }

        return new DatabaseConnectionStrings(
            OwnerConnectionString,
            Cluster.ConnectionString(RuntimeRoles.AppRole, appPassword, Database),
            Cluster.ConnectionString(RuntimeRoles.PlatformAdmin, adminPassword, Database));
    }

    /// <summary>Writes the DSNs as <c>KEY=value</c> lines (mode 0600) so an operator can psql in or point the CLI at them.</summary>
    public void WriteConnectionEnv(DatabaseConnectionStrings connectionStrings)
    {
        ArgumentNullException.ThrowIfNull(connectionStrings);
        var lines = new[]
        {
            "# Written by `axonflow serve` for the embedded PostgreSQL cluster; rewritten at every start.",
            "# `set -a; . ./connection.env; set +a` exports them for psql and the axonflow CLI.",
            $"DATABASE_URL={OverTcp(connectionStrings.Owner)}",
            $"AXONFLOW_DB_APP_ROLE_URL={OverTcp(connectionStrings.App)}",
            $"AXONFLOW_DB_PLATFORM_ADMIN_URL={OverTcp(connectionStrings.PlatformAdmin)}",
        };
        SecretFile.Write(ConnectionEnvPath, string.Join('\n', lines) + "\n");
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();

    private string OverTcp(string socketConnectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(socketConnectionString)
        {
            Host = "127.0.0.1",
            Port = Cluster.Port,
            SslMode = SslMode.Disable,
        };
        return PostgresConnectionString.ToUrl(builder.ConnectionString);
    }
}
