using AxonFlow.Postgres.Migrations;
using AxonFlow.Postgres.Operations;

namespace AxonFlow.Cli.Preflight.Checks;

/// <summary>Check 2: the <c>schema_migrations</c> state this build will continue from: none failed, none drifted, none unknown.</summary>
internal sealed class SchemaMigrationsCheck(MigrationCatalog catalog) : IPreflightCheck
{
    public string Name => "schema-migrations";

    public IReadOnlyList<CheckResult> Evaluate(PreflightFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Database is not { } database)
        {
            return [facts.NotChecked(Name)];
        }

        return [database.HasMigrationTable ? Recorded(database) : Unrecorded(database)];
    }

    private CheckResult Unrecorded(DatabaseSnapshot database)
    {
        var total = LegacyBaseline.Tables.Count;
        var present = database.ExistingBaselineTables.Count;
        if (present == 0)
        {
            return CheckResult.Pass(Name, $"fresh database (no schema_migrations, no AxonFlow tables): the first boot runs all {catalog.Scripts.Count} migrations");
        }

        if (present == total)
        {
            return CheckResult.Pass(
                Name,
                $"legacy pre-identity schema ({present}/{total} baseline tables, no schema_migrations): 001 adopts the tables and 002-{catalog.LatestVersion:D3} upgrade them at the first boot");
        }

        var missing = LegacyBaseline.Tables.Where(t => !database.ExistingBaselineTables.Contains(t));
        return CheckResult.Warn(
            Name,
            $"legacy schema without schema_migrations lacks {total - present} of {total} baseline tables ({string.Join(", ", missing)}); 001 creates them empty",
            "Confirm DATABASE_URL names the AxonFlow database of this deployment before upgrading.");
    }

    private CheckResult Recorded(DatabaseSnapshot database)
    {
        var failed = database.Applied.Values.Where(a => !a.Success).OrderBy(a => a.Version).ToList();
        if (failed.Count > 0)
        {
            var first = failed[0];
            return CheckResult.Fail(
                Name,
                $"{failed.Count} migration(s) FAILED; {first.Version:D3}_{first.Name}: {first.Error}",
                "Fix the cause the error names (docs/operations/troubleshooting.md), then run `axonflow migrate up` or restart the agent; a failed migration is retried.");
        }

        var drifted = catalog.Scripts.FirstOrDefault(s => database.Applied.TryGetValue(s.Version, out var row) && row.Checksum != s.Checksum);
        if (drifted is not null)
        {
            return CheckResult.Fail(
                Name,
                $"applied migration {drifted.FileName} differs from the copy in this build (checksum drift); every migration run would refuse to start",
                "Deploy the build that applied it, or see docs/operations.md#checksum-drift before recording a new checksum.");
        }

        var unknown = database.Applied.Keys.Where(v => catalog.Scripts.All(s => s.Version != v)).Order().ToList();
        if (unknown.Count > 0)
        {
            return CheckResult.Warn(
                Name,
                $"the database records migration(s) {string.Join(", ", unknown.Select(v => v.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)))} that this build does not know: a newer release has run against it",
                "Run the preflight of the release you are upgrading to; an older build cannot vouch for a newer schema.");
        }

        var pending = catalog.Scripts.Where(s => !database.IsApplied(s.Version)).ToList();
        if (pending.Count == 0)
        {
            return CheckResult.Pass(Name, $"all {catalog.Scripts.Count} migrations applied (latest {catalog.LatestVersion:D3}); none failed");
        }

        return CheckResult.Pass(
            Name,
            $"{catalog.Scripts.Count - pending.Count} of {catalog.Scripts.Count} migrations applied, none failed; {pending.Count} pending ({pending[0].Version:D3}-{pending[^1].Version:D3}) run at the next boot");
    }
}
