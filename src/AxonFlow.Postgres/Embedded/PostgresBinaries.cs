namespace AxonFlow.Postgres.Embedded;

/// <summary>Where <c>initdb</c> and <c>pg_ctl</c> live: on PATH, or under Debian's <c>/usr/lib/postgresql/&lt;version&gt;/bin</c> (newest first).</summary>
public sealed record PostgresBinaries(string InitDb, string PgCtl)
{
    public const string MissingMessage =
        "PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or under /usr/lib/postgresql/*/bin. " +
        "The embedded database needs PostgreSQL 15 or newer: apt-get install -y postgresql " +
        "(or set DATABASE_URL to use an existing server).";

    public static PostgresBinaries Locate() => Locate(DefaultSearchDirectories());

    public static PostgresBinaries Locate(IEnumerable<string> searchDirectories)
    {
        ArgumentNullException.ThrowIfNull(searchDirectories);
        foreach (var directory in searchDirectories)
        {
            var initDb = Path.Combine(directory, "initdb");
            var pgCtl = Path.Combine(directory, "pg_ctl");
            if (File.Exists(initDb) && File.Exists(pgCtl))
            {
                return new PostgresBinaries(initDb, pgCtl);
            }
        }

        throw new PostgresBinariesNotFoundException(MissingMessage);
    }

    public static IEnumerable<string> DefaultSearchDirectories()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            yield return directory;
        }

        const string DebianRoot = "/usr/lib/postgresql";
        if (!Directory.Exists(DebianRoot))
        {
            yield break;
        }

        var versions = Directory.GetDirectories(DebianRoot)
            .Select(d => (Directory: d, Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
            .OrderByDescending(d => d.Version);
        foreach (var (directory, _) in versions)
        {
            yield return Path.Combine(directory, "bin");
        }
    }
}

/// <summary>No PostgreSQL server binaries on this machine; the message names the package to install.</summary>
public sealed class PostgresBinariesNotFoundException(string message) : Exception(message);
