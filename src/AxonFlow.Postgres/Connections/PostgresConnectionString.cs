using System.Text.RegularExpressions;
using Npgsql;

namespace AxonFlow.Postgres.Connections;

/// <summary>
/// Reads a DSN in either form operators use: the <c>postgres://user:pass@host:port/db?sslmode=require</c> URL of seed 000
/// or an Npgsql <c>Key=Value;</c> string. Error messages never repeat the DSN, because it carries a password.
/// </summary>
public static partial class PostgresConnectionString
{
    private static readonly Dictionary<string, string> UrlQueryKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SSL Mode",
        ["connect_timeout"] = "Timeout",
        ["application_name"] = "Application Name",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["host"] = "Host",
        ["port"] = "Port",
        ["target_session_attrs"] = "Target Session Attributes",
        ["options"] = "Options",
    };

    private static readonly Dictionary<string, string> SslModes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["disable"] = "Disable",
        ["allow"] = "Allow",
        ["prefer"] = "Prefer",
        ["require"] = "Require",
        ["verify-ca"] = "VerifyCA",
        ["verify-full"] = "VerifyFull",
    };

    /// <summary>Returns an Npgsql connection string; throws <see cref="FormatException"/> with a reason that contains no secret.</summary>
    public static string Normalize(string dsn)
    {
        ArgumentNullException.ThrowIfNull(dsn);
        var trimmed = dsn.Trim();
        if (trimmed.Length == 0)
        {
            throw new FormatException("it is empty");
        }

        var builder = trimmed.Contains("://", StringComparison.Ordinal) ? FromUrl(trimmed) : FromKeyValue(trimmed);
        if (string.IsNullOrEmpty(builder.Host))
        {
            throw new FormatException("it names no host");
        }

        if (string.IsNullOrEmpty(builder.Username))
        {
            throw new FormatException("it names no user");
        }

        return builder.ConnectionString;
    }

    /// <summary>The role a DSN logs in as, for diagnostics that must not show the rest.</summary>
    public static string? UserOf(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Username;

    /// <summary>A connection string with its password (and anything that looks like one) replaced, safe for a log line.</summary>
    public static string Redact(string connectionString) => SecretPairs().Replace(connectionString, "$1=***");

    /// <summary>The URL form, for <c>connection.env</c> and psql.</summary>
    public static string ToUrl(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var user = Uri.EscapeDataString(builder.Username ?? string.Empty);
        var password = string.IsNullOrEmpty(builder.Password) ? string.Empty : ":" + Uri.EscapeDataString(builder.Password);
        var host = builder.Host ?? "localhost";
        var isSocket = host.StartsWith('/');
        var authority = isSocket ? string.Empty : host;
        var query = isSocket ? "?host=" + Uri.EscapeDataString(host) : string.Empty;
        var sslMode = builder.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => null,
        };
        if (sslMode is not null)
        {
            query += (query.Length == 0 ? "?" : "&") + "sslmode=" + sslMode;
        }

        return $"postgres://{user}{password}@{authority}:{builder.Port}/{Uri.EscapeDataString(builder.Database ?? string.Empty)}{query}";
    }

    private static NpgsqlConnectionStringBuilder FromUrl(string dsn)
    {
        // libpq allows an empty host (postgres://user@/db?host=/socket/dir); Uri does not, so parse with a placeholder.
        const string Placeholder = "axonflow-no-host.invalid";
        var schemeEnd = dsn.IndexOf("://", StringComparison.Ordinal) + 3;
        var authorityEnd = dsn.IndexOfAny(['/', '?'], schemeEnd) is var end and >= 0 ? end : dsn.Length;
        var at = dsn.LastIndexOf('@', authorityEnd - 1, authorityEnd - schemeEnd);
        var hostStart = at >= 0 ? at + 1 : schemeEnd;
        var hostMissing = hostStart == authorityEnd || dsn[hostStart] == ':';
        var parseable = hostMissing ? dsn.Insert(hostStart, Placeholder) : dsn;
        if (!Uri.TryCreate(parseable, UriKind.Absolute, out var uri))
        {
            throw new FormatException("it is not a valid postgres:// URL");
        }

        if (uri.Scheme is not ("postgres" or "postgresql"))
        {
            throw new FormatException($"its scheme must be postgres:// or postgresql://, but was {uri.Scheme}://");
        }

        var builder = new NpgsqlConnectionStringBuilder();
        if (!hostMissing)
        {
            builder.Host = uri.Host;
        }

        if (!uri.IsDefaultPort && uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        var userInfo = uri.UserInfo;
        if (userInfo.Length > 0)
        {
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(userInfo[(colon + 1)..]);
            }
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (!UrlQueryKeys.TryGetValue(key, out var npgsqlKey))
            {
                throw new FormatException($"its query parameter '{key}' is not supported (supported: {string.Join(", ", UrlQueryKeys.Keys)})");
            }

            if (npgsqlKey == "SSL Mode")
            {
                value = SslModes.TryGetValue(value, out var mode)
                    ? mode
                    : throw new FormatException($"its sslmode must be one of {string.Join(", ", SslModes.Keys)}, but was '{value}'");
            }

            try
            {
                builder[npgsqlKey] = value;
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
            {
                throw new FormatException($"its query parameter '{key}' has an invalid value");
            }
        }

        return builder;
    }

    private static NpgsqlConnectionStringBuilder FromKeyValue(string dsn)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(dsn);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException or InvalidCastException)
        {
            throw new FormatException("it is neither a postgres:// URL nor a valid Key=Value connection string");
        }
    }

    [GeneratedRegex(@"(password|pwd|passfile|ssl\s*password)\s*=\s*([^;]*)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretPairs();
}
