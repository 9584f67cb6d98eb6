using System.Globalization;

namespace AxonFlow.Cli.Preflight.Checks;

/// <summary>Check 1: PostgreSQL 14 or newer; a WARN when the major version is at or near its end of community support.</summary>
internal sealed class PostgresVersionCheck : IPreflightCheck
{
    public const int MinimumMajor = 14;

    /// <summary>End of community support per postgresql.org/support/versioning (the November minor release of the fifth year).</summary>
    private static readonly Dictionary<int, DateOnly> EndOfLife = new()
    {
        [14] = new DateOnly(2026, 11, 12),
        [15] = new DateOnly(2027, 11, 11),
        [16] = new DateOnly(2028, 11, 9),
        [17] = new DateOnly(2029, 11, 8),
        [18] = new DateOnly(2030, 11, 14),
    };

    public const string CheckName = "postgres-version";

    public string Name => CheckName;

    public IReadOnlyList<CheckResult> Evaluate(PreflightFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Database is not { } database)
        {
            return [CheckResult.Fail(
                Name,
                $"cannot read the database: {facts.DatabaseProblem}",
                "Set DATABASE_URL to the schema owner's DSN (postgres://owner:…@host:5432/axonflow?sslmode=require) and make sure this host can reach the server.")];
        }

        return [Judge(database.ServerVersionNum, database.ServerVersion, facts.Today)];
    }

    public static CheckResult Judge(int serverVersionNum, string serverVersion, DateOnly today)
    {
        var major = serverVersionNum / 10000;
        if (major < MinimumMajor)
        {
            return CheckResult.Fail(
                CheckName,
                $"PostgreSQL {serverVersion} is older than {MinimumMajor}",
                $"Upgrade the server to PostgreSQL {MinimumMajor} or newer before upgrading AxonFlow.");
        }

        if (EndOfLife.TryGetValue(major, out var endOfLife) && today >= endOfLife.AddMonths(-6))
        {
            var when = endOfLife.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var tense = today >= endOfLife ? "reached" : "reaches";
            return CheckResult.Warn(
                CheckName,
                $"PostgreSQL {serverVersion} (>= {MinimumMajor}), but major version {major} {tense} the end of community support on {when}",
                "Plan a PostgreSQL major-version upgrade; AxonFlow keeps working on it meanwhile.");
        }

        return CheckResult.Pass(CheckName, $"PostgreSQL {serverVersion} (>= {MinimumMajor})");
    }
}
