using AxonFlow.Core.Identity;
using AxonFlow.Postgres.Operations;

namespace AxonFlow.Cli.Preflight.Checks;

/// <summary>Check 3: rows with an empty or NULL <c>org_id</c>, per table: a preview of what the org backfill (003) will stamp.</summary>
internal sealed class OrgIdScanCheck : IPreflightCheck
{
    public string Name => "org-id-scan";

    public IReadOnlyList<CheckResult> Evaluate(PreflightFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Database is not { } database)
        {
            return [facts.NotChecked(Name)];
        }

        if (database.OrgColumns.Count == 0)
        {
            return [CheckResult.Pass(Name, "no tables with an org_id column yet: nothing to stamp")];
        }

        var visible = database.OrgColumns.Where(t => !t.HiddenByRls).ToList();
        var hidden = database.OrgColumns.Where(t => t.HiddenByRls).Select(t => t.Table).ToList();
        var orphans = visible.Where(t => t.GlobalTenantRows > 0 && !LegacyBaseline.GlobalRowTables.Contains(t.Table)).ToList();
        var result = database.IsApplied(LegacyBaseline.OrgBackfillVersion)
            ? AfterBackfill(visible)
            : Preview(visible, facts.Environment);

        var warnings = new List<string>();
        var advice = new List<string>();
        if (orphans.Count > 0)
        {
            warnings.Add($"{orphans.Sum(t => t.GlobalTenantRows)} row(s) with tenant_id='global' on {Tables(orphans, t => t.GlobalTenantRows)} keep an empty org_id that no org can see");
            advice.Add("Assign those rows to an org or delete them before upgrading.");
        }

        if (hidden.Count > 0)
        {
            warnings.Add($"FORCE RLS hides the rows of {string.Join(", ", hidden)} from {database.CurrentUser}, so they were not counted");
            advice.Add("Re-run preflight as a superuser or BYPASSRLS role (for example with DATABASE_URL set to the platform-admin DSN) to count them.");
        }

        if (result.Outcome == CheckOutcome.Fail || warnings.Count == 0)
        {
            return [result];
        }

        return [CheckResult.Warn(Name, $"{result.Detail}; but {string.Join("; ", warnings)}", string.Join(" ", advice))];
    }

    private CheckResult Preview(List<OrgColumnCount> tables, PreflightEnvironment environment)
    {
        var stamped = tables.Where(t => t.EmptyOrgRows > t.CommunitySaasRows).ToList();
        var saas = tables.Where(t => t.CommunitySaasRows > 0).ToList();
        if (stamped.Count == 0 && saas.Count == 0)
        {
            return CheckResult.Pass(Name, $"no rows with an empty org_id in {tables.Count} table(s): the backfill (003) stamps nothing");
        }

        var target = environment.Kind == DeploymentKind.Production && (environment.Org is null || environment.Org.Value.IsLocalDevSentinel)
            ? "ORG_ID (unset: the prod-safety abort would stop 003, see deployment-env)"
            : environment.Org is { } org ? $"ORG_ID={org}" : $"{OrgId.LocalDevSentinel} (ORG_ID unset, dev)";
        var parts = new List<string>();
        if (saas.Count > 0)
        {
            parts.Add($"Pass 1 makes {saas.Sum(t => t.CommunitySaasRows)} cs_* row(s) their own org ({Tables(saas, t => t.CommunitySaasRows)})");
        }

        if (stamped.Count > 0)
        {
            parts.Add($"Pass 2 stamps {stamped.Sum(t => t.EmptyOrgRows - t.CommunitySaasRows)} row(s) with {target} ({Tables(stamped, t => t.EmptyOrgRows - t.CommunitySaasRows)})");
        }

        return CheckResult.Pass(Name, "backfill preview: " + string.Join("; ", parts));
    }

    private CheckResult AfterBackfill(List<OrgColumnCount> tables)
    {
        var unowned = tables.Where(t => t.EmptyOrgRows > 0).ToList();
        if (unowned.Count == 0)
        {
            return CheckResult.Pass(Name, $"the backfill (003) has run and no row has an empty org_id ({tables.Count} table(s))");
        }

        return CheckResult.Fail(
            Name,
            $"the backfill (003) has run, yet {unowned.Sum(t => t.EmptyOrgRows)} row(s) have an empty org_id ({Tables(unowned, t => t.EmptyOrgRows)}): no org can see them and nothing will stamp them",
            "As the owner, give them their org (UPDATE <table> SET org_id = '<org>' WHERE coalesce(org_id, '') = '') or delete them; they were written by direct SQL outside an org scope.");
    }

    private static string Tables(IEnumerable<OrgColumnCount> tables, Func<OrgColumnCount, long> count) =>
        string.Join(", ", tables.Select(t => $"{t.Table} {count(t)}"));
}
