using AxonFlow.Core.Identity;

namespace AxonFlow.Cli.Preflight.Checks;

/// <summary>
/// Check 7: rows already owned by the dev sentinel <c>local-dev-org</c>. In dev that default is preserved (unregistered
/// callers resolve to it); in production such rows were stamped by a dev-mode backfill and belong to no real customer.
/// </summary>
internal sealed class LocalDevOrgCheck : IPreflightCheck
{
    public string Name => "local-dev-org";

    public IReadOnlyList<CheckResult> Evaluate(PreflightFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Database is not { } database)
        {
            return [facts.NotChecked(Name)];
        }

        var owned = database.OrgColumns.Where(t => t.LocalDevOrgRows > 0 && !t.HiddenByRls).ToList();
        if (owned.Count == 0)
        {
            return [CheckResult.Pass(Name, $"no row belongs to {OrgId.LocalDevSentinel}")];
        }

        var rows = $"{owned.Sum(t => t.LocalDevOrgRows)} row(s) belong to {OrgId.LocalDevSentinel} ({string.Join(", ", owned.Select(t => $"{t.Table} {t.LocalDevOrgRows}"))})";
        var environment = facts.Environment;
        if (environment.Kind == DeploymentKind.Production)
        {
            return [CheckResult.Fail(
                Name,
                $"{rows} on a production deployment: an earlier dev-mode backfill stamped the dev sentinel, and 003 never restamps a row",
                $"Before upgrading, as the owner, re-own them per table (UPDATE <table> SET org_id = '<ORG_ID>' WHERE org_id = '{OrgId.LocalDevSentinel}'), or restore a snapshot from before the dev-mode run.")];
        }

        if (environment.Org is { } org && !org.IsLocalDevSentinel)
        {
            return [CheckResult.Warn(
                Name,
                $"{rows}, but ORG_ID={org}: unregistered callers now resolve to {org} and no longer see them (changing ORG_ID moves no row)",
                $"Leave ORG_ID unset (or {OrgId.LocalDevSentinel}) to keep using that data, or re-own the rows to {org}.")];
        }

        return [CheckResult.Pass(Name, $"{rows}, the org an unset ORG_ID resolves to: the dev default is preserved")];
    }
}
