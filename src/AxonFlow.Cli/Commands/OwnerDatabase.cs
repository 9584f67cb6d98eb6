using AxonFlow.Postgres.Connections;
using AxonFlow.Server.Configuration;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace AxonFlow.Cli.Commands;

/// <summary>
/// The schema owner's DSN for the operator commands: <c>DATABASE_URL</c>, or else libpq's <c>PGHOST</c>/<c>PGPORT</c>/
/// <c>PGUSER</c>/<c>PGPASSWORD</c>/<c>PGDATABASE</c>/<c>PGSSLMODE</c>. Problems are worded without the DSN.
/// </summary>
internal sealed record OwnerDatabase(string? ConnectionString, string? Problem)
{
    public static OwnerDatabase Resolve(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? Value(string name) => configuration[name] is { } raw && raw.Trim() is { Length: > 0 } trimmed ? trimmed : null;

        if (Value(SettingNames.DatabaseUrl) is { } url)
        {
            return Normalize(url, SettingNames.DatabaseUrl);
        }

        if (Value("PGHOST") is not { } host)
        {
            return new OwnerDatabase(null, "DATABASE_URL is not set (nor PGHOST)");
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder { Host = host, Username = Value("PGUSER"), Password = Value("PGPASSWORD"), Database = Value("PGDATABASE") };
            if (Value("PGPORT") is { } port)
            {
                builder.Port = int.Parse(port, System.Globalization.CultureInfo.InvariantCulture);
            }

            if (Value("PGSSLMODE") is { } sslMode)
            {
                builder.SslMode = Enum.Parse<SslMode>(sslMode.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true);
            }

            return Normalize(builder.ConnectionString, "PGHOST/PGUSER");
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
        {
            return new OwnerDatabase(null, "PGPORT or PGSSLMODE has an invalid value");
        }
    }

    /// <summary>An unpooled owner connection: operator commands open one or two and must leave nothing behind.</summary>
    public NpgsqlConnection Open(string applicationName) => new(new NpgsqlConnectionStringBuilder(ConnectionString)
    {
        Pooling = false,
        ApplicationName = applicationName,
        Timeout = 15,
        CommandTimeout = 600,
    }.ConnectionString);

    private static OwnerDatabase Normalize(string dsn, string source)
    {
        try
        {
            return new OwnerDatabase(PostgresConnectionString.Normalize(dsn), null);
        }
        catch (FormatException ex)
        {
            return new OwnerDatabase(null, $"{source} is not a usable PostgreSQL DSN: {ex.Message}");
        }
    }
}
