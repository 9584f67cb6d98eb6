using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AxonFlow.Core.Credentials;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AxonFlow.Postgres.Embedded;

/// <summary>
/// A private PostgreSQL cluster under <c>$AXONFLOW_HOME/pg</c>: initialised on first use, reused afterwards, listening on a
/// Unix socket in that folder and on a free loopback port, run as the <c>postgres</c> OS user when this process is root.
/// The same component backs <c>axonflow serve</c> without a database and the test fixture.
/// </summary>
public sealed partial class EmbeddedPostgresCluster : IAsyncDisposable
{
    /// <summary>The bootstrap superuser; it owns the schema and runs migrations.</summary>
    public const string OwnerRole = "axonflow";

    private const int MaxSocketPathLength = 107;

    private readonly PostgresBinaries _binaries;
    private readonly ProcessRunner _runner;
    private readonly ILogger _logger;
    private readonly string _dataDirectory;
    private bool _startedHere;

    private EmbeddedPostgresCluster(EmbeddedClusterOptions options, PostgresBinaries binaries, ProcessRunner runner, ILogger logger)
    {
        Options = options;
        _binaries = binaries;
        _runner = runner;
        _logger = logger;
        Home = Path.GetFullPath(options.Home);
        ClusterDirectory = Path.Combine(Home, "pg");
        _dataDirectory = Path.Combine(ClusterDirectory, "data");
        SocketDirectory = Path.Combine(ClusterDirectory, "run");
        SecretsDirectory = Path.Combine(Home, "secrets");
    }

    public EmbeddedClusterOptions Options { get; }

    public string Home { get; }

    public string ClusterDirectory { get; }

    public string SocketDirectory { get; }

    public string SecretsDirectory { get; }

    public int Port { get; private set; }

    public string LogFile => Path.Combine(ClusterDirectory, "postgres.log");

    private string OwnerPassword => File.ReadAllText(Path.Combine(SecretsDirectory, "owner.password")).Trim();

    public static async Task<EmbeddedPostgresCluster> StartAsync(EmbeddedClusterOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var binaries = PostgresBinaries.Locate();
        var cluster = new EmbeddedPostgresCluster(options, binaries, new ProcessRunner(ProcessRunner.IsRoot), logger);
        await cluster.InitialiseAsync(cancellationToken);
        await cluster.StartServerAsync(cancellationToken);
        return cluster;
    }

    /// <summary>A superuser connection over the Unix socket (never over TCP) to <paramref name="database"/>.</summary>
    public string OwnerConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = SocketDirectory,
        Port = Port,
        Username = OwnerRole,
        Password = OwnerPassword,
        Database = database,
    }.ConnectionString;

    /// <summary>A connection string for <paramref name="role"/> over the Unix socket.</summary>
    public string ConnectionString(string role, string password, string database) => new NpgsqlConnectionStringBuilder
    {
        Host = SocketDirectory,
        Port = Port,
        Username = role,
        Password = password,
        Database = database,
    }.ConnectionString;

    /// <summary>Creates <paramref name="database"/> if it does not exist; returns whether it did.</summary>
    public async Task<bool> EnsureDatabaseAsync(string database, string? template, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(OwnerConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection))
        {
            exists.Parameters.Add(new NpgsqlParameter { Value = database });
            if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return false;
            }
        }

        var sql = template is null
            ? $"CREATE DATABASE {QuoteIdentifier(database)} ENCODING 'UTF8' TEMPLATE template0"
            : $"CREATE DATABASE {QuoteIdentifier(database)} TEMPLATE {QuoteIdentifier(template)}";
        await using var create = new NpgsqlCommand(sql, connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_startedHere)
        {
            return;
        }

        _startedHere = false;
        NpgsqlConnection.ClearAllPools();
        await _runner.RunCheckedAsync(_binaries.PgCtl, ["-D", _dataDirectory, "-m", "fast", "-w", "-t", "60", "stop"], cancellationToken);
        Log.Stopped(_logger, ClusterDirectory);
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    internal static string QuoteIdentifier(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private async Task InitialiseAsync(CancellationToken cancellationToken)
    {
        // The postgres OS user must be able to traverse $AXONFLOW_HOME to reach pg/, but nothing more.
        Directory.CreateDirectory(Home);
        File.SetUnixFileMode(Home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        Directory.CreateDirectory(SecretsDirectory);
        File.SetUnixFileMode(SecretsDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        if (SocketDirectory.Length + "/.s.PGSQL.65535".Length > MaxSocketPathLength)
        {
            throw new EmbeddedPostgresException(
                $"The data directory path is too long for a PostgreSQL Unix socket ({SocketDirectory}); use a shorter --data-dir or AXONFLOW_HOME.");
        }

        if (_runner.RunsAsPostgres)
        {
            ThrowIfNotReachableByPostgres(Home);
        }

        if (File.Exists(Path.Combine(_dataDirectory, "PG_VERSION")))
        {
            return;
        }

        Log.Initialising(_logger, ClusterDirectory);
        Directory.CreateDirectory(ClusterDirectory);
        File.SetUnixFileMode(ClusterDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.CreateDirectory(SocketDirectory);
        var password = SecretFile.ReadOrCreate(Path.Combine(SecretsDirectory, "owner.password"), SecretGenerator.NewPassword);
        var passwordFile = Path.Combine(ClusterDirectory, ".initdb-password");
        SecretFile.Write(passwordFile, password);
        try
        {
            await _runner.ChownToPostgresAsync(ClusterDirectory, cancellationToken);
            await _runner.RunCheckedAsync(
                _binaries.InitDb,
                ["-D", _dataDirectory, "-U", OwnerRole, $"--pwfile={passwordFile}", "-A", "scram-sha-256", "-E", "UTF8", "--locale=C", "--no-instructions"],
                cancellationToken);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        var (statusCode, _) = await _runner.RunAsync(_binaries.PgCtl, ["-D", _dataDirectory, "status"], cancellationToken);
        if (statusCode == 0 && ReadRunningPort() is { } runningPort)
        {
            Port = runningPort;
            Log.Reused(_logger, ClusterDirectory, Port);
            return;
        }

        Port = FreeLoopbackPort();
        var settings = new List<string>
        {
            "-c listen_addresses=127.0.0.1",
            $"-c port={Port.ToString(CultureInfo.InvariantCulture)}",
            $"-c unix_socket_directories='{SocketDirectory}'",
            $"-c max_connections={Options.MaxConnections.ToString(CultureInfo.InvariantCulture)}",
        };
        if (!Options.Durable)
        {
            settings.AddRange(["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]);
        }

        await _runner.RunCheckedAsync(
            _binaries.PgCtl,
            ["-D", _dataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", string.Join(' ', settings), "start"],
            cancellationToken);
        _startedHere = true;
        Log.Started(_logger, ClusterDirectory, Port);
    }

    /// <summary>
    /// As root the cluster runs as the postgres OS user, which must be able to traverse every ancestor of the home
    /// (a checkout under /root is not): say so plainly instead of letting initdb fail with "Permission denied".
    /// </summary>
    private static void ThrowIfNotReachableByPostgres(string home)
    {
        for (var directory = Directory.GetParent(home); directory is not null; directory = directory.Parent)
        {
            if ((File.GetUnixFileMode(directory.FullName) & UnixFileMode.OtherExecute) == 0)
            {
                throw new EmbeddedPostgresException(
                    $"The embedded PostgreSQL runs as the '{ProcessRunner.PostgresOsUser}' OS user, which cannot reach {home} because {directory.FullName} is not searchable by other users. " +
                    $"Use a data directory outside it (e.g. --data-dir /var/lib/axonflow or AXONFLOW_HOME=/var/lib/axonflow), or run chmod o+x {directory.FullName}.");
            }
        }
    }

    /// <summary>Line 4 of postmaster.pid is the port the running server listens on.</summary>
    private int? ReadRunningPort()
    {
        var pidFile = Path.Combine(_dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return null;
        }

        var lines = File.ReadAllLines(pidFile);
        return lines.Length > 3 && int.TryParse(lines[3], CultureInfo.InvariantCulture, out var port) ? port : null;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Embedded PostgreSQL: initialising a new cluster in {Directory}")]
        public static partial void Initialising(ILogger logger, string directory);

        [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Embedded PostgreSQL: started in {Directory} on 127.0.0.1:{Port} and its Unix socket")]
        public static partial void Started(ILogger logger, string directory, int port);

        [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "Embedded PostgreSQL: reusing the cluster already running in {Directory} on port {Port}")]
        public static partial void Reused(ILogger logger, string directory, int port);

        [LoggerMessage(EventId = 5104, Level = LogLevel.Information, Message = "Embedded PostgreSQL: stopped the cluster in {Directory}")]
        public static partial void Stopped(ILogger logger, string directory);
    }
}
