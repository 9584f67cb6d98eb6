using AxonFlow.Core.Credentials;
using AxonFlow.Postgres.Embedded;
using AxonFlow.Postgres.Migrations;
using AxonFlow.Server.Configuration;
using Npgsql;

namespace AxonFlow.Server.Hosting;

/// <summary>
/// Start-up's database work, shared by <c>serve</c> and <c>migrate</c>: find the schema owner (the configured
/// <c>DATABASE_URL</c>, or the embedded cluster when nothing is configured), migrate, and resolve the runtime pools.
/// Disposing stops an embedded cluster this process started.
/// </summary>
public sealed partial class DatabaseBootstrap : IAsyncDisposable
{
    private readonly AxonFlowSettings _settings;
    private readonly EmbeddedDatabase? _embedded;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly NpgsqlDataSource? _owner;

    private DatabaseBootstrap(AxonFlowSettings settings, EmbeddedDatabase? embedded, ILoggerFactory loggerFactory)
    {
        _settings = settings;
        _embedded = embedded;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<DatabaseBootstrap>();
        var ownerConnectionString = embedded?.OwnerConnectionString ?? settings.DatabaseUrl;
        _owner = ownerConnectionString is null ? null : NpgsqlDataSource.Create(ownerConnectionString);
    }

    public bool IsEmbedded => _embedded is not null;

    public string? ConnectionEnvPath => _embedded?.ConnectionEnvPath;

    /// <summary>The schema owner's pool (DATABASE_URL or the embedded cluster), for operator commands; null when only runtime DSNs are set.</summary>
    public NpgsqlDataSource? OwnerDataSource => _owner;

    public static async Task<DatabaseBootstrap> OpenAsync(AxonFlowSettings settings, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        EmbeddedDatabase? embedded = null;
        if (settings.UsesEmbeddedDatabase)
        {
            embedded = await EmbeddedDatabase.StartAsync(
                new EmbeddedClusterOptions { Home = settings.Home },
                loggerFactory.CreateLogger<EmbeddedPostgresCluster>(),
                cancellationToken);
        }

        return new DatabaseBootstrap(settings, embedded, loggerFactory);
    }

    /// <summary>The owner-run migrator, or null when only runtime DSNs are configured (migrations then run elsewhere).</summary>
    public Migrator? CreateMigrator() => _owner is null
        ? null
        : new Migrator(_owner, MigrationCatalog.Embedded, TimeProvider.System, _loggerFactory.CreateLogger<Migrator>());

    public MigrationContext MigrationContext => new(_settings.DeploymentOrgConfigured ? _settings.DeploymentOrg : null, _settings.Kind);

    /// <summary>Migrates (when the owner is known), provisions the embedded roles, and returns what the host runs on.</summary>
    public async Task<AxonFlowRuntime> PrepareRuntimeAsync(CancellationToken cancellationToken)
    {
        var migrator = CreateMigrator();
        if (migrator is null)
        {
            Log.MigrationsSkipped(_logger);
        }
        else
        {
            await migrator.UpAsync(MigrationContext, targetVersion: null, cancellationToken);
        }

        string appConnectionString;
        string? adminConnectionString;
        if (_embedded is not null)
        {
            var connectionStrings = await _embedded.ProvisionRuntimeRolesAsync(cancellationToken);
            _embedded.WriteConnectionEnv(connectionStrings);
            Log.ConnectionEnvWritten(_logger, _embedded.ConnectionEnvPath);
            appConnectionString = _settings.UseAppRole ? connectionStrings.App : connectionStrings.Owner;
            adminConnectionString = connectionStrings.PlatformAdmin;
        }
        else
        {
            appConnectionString = _settings.RuntimeUrl!;
            adminConnectionString = _settings.PlatformAdminUrl;
            if (_settings.UseAppRole && _settings.AppRoleUrl is null)
            {
                Log.DevFallbackToDatabaseUrl(_logger);
            }
        }

        var hashKey = _settings.CredentialHashKey
            ?? SecretFile.ReadOrCreate(Path.Combine(_settings.Home, "secrets", "credential_hash.key"), () => SecretGenerator.RandomString(64));
        return new AxonFlowRuntime(_settings, appConnectionString, adminConnectionString, hashKey);
    }

    public async ValueTask DisposeAsync()
    {
        if (_owner is not null)
        {
            await _owner.DisposeAsync();
        }

        if (_embedded is not null)
        {
            await _embedded.DisposeAsync();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5301, Level = LogLevel.Warning, Message = "DATABASE_URL is not set: migrations are not run by this process; /health/ready reports pending migrations until they are applied")]
        public static partial void MigrationsSkipped(ILogger logger);

        [LoggerMessage(EventId = 5302, Level = LogLevel.Information, Message = "Embedded PostgreSQL DSNs written to {Path} (mode 0600)")]
        public static partial void ConnectionEnvWritten(ILogger logger, string path);

        [LoggerMessage(EventId = 5303, Level = LogLevel.Warning, Message = "AXONFLOW_DB_APP_ROLE_URL is not set: request traffic uses DATABASE_URL (dev fallback). FORCE RLS does not filter a superuser or BYPASSRLS owner; set AXONFLOW_DB_APP_ROLE_URL before production")]
        public static partial void DevFallbackToDatabaseUrl(ILogger logger);
    }
}
