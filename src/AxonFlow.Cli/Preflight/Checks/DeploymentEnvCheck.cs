using AxonFlow.Core.Identity;

namespace AxonFlow.Cli.Preflight.Checks;

/// <summary>Check 4: <c>DEPLOYMENT_KIND</c> and <c>ORG_ID</c>, the two inputs of the backfill's prod-safety abort.</summary>
internal sealed class DeploymentEnvCheck : IPreflightCheck
{
    public string Name => "deployment-env";

    public IReadOnlyList<CheckResult> Evaluate(PreflightFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return [Judge(facts.Environment)];
    }

    private CheckResult Judge(PreflightEnvironment environment)
    {
        if (environment.Kind is not { } kind)
        {
            return CheckResult.Fail(
                Name,
                $"DEPLOYMENT_KIND must be dev or production, but was '{environment.DeploymentKindValue}'",
                "Set DEPLOYMENT_KIND=production on a production deployment (dev for local development only).");
        }

        if (environment.OrgIdInvalid)
        {
            return CheckResult.Fail(
                Name,
                "ORG_ID is not a valid organization id",
                "Use 1-128 characters of letters, digits, '.', '_', ':', '@' or '-'.");
        }

        if (kind == DeploymentKind.Production)
        {
            if (environment.Org is not { } org || org.IsLocalDevSentinel)
            {
                var state = environment.Org is null ? "unset" : "the local-dev-org sentinel";
                return CheckResult.Fail(
                    Name,
                    $"DEPLOYMENT_KIND=production but ORG_ID is {state}: migration 003 would stop with the prod-safety abort",
                    "Set ORG_ID to your real customer identifier (not local-dev-org) on the agent, then re-run preflight.");
            }

            return CheckResult.Pass(Name, $"DEPLOYMENT_KIND=production, ORG_ID={org}");
        }

        var orgText = environment.Org is { } devOrg ? $"ORG_ID={devOrg}" : $"ORG_ID unset ({OrgId.LocalDevSentinel})";
        if (environment.DeploymentKindValue is null)
        {
            return CheckResult.Warn(
                Name,
                $"DEPLOYMENT_KIND is unset (dev), {orgText}: the backfill stamps that org without the prod-safety check",
                "If this is a production deployment, set DEPLOYMENT_KIND=production (CloudFormation stacks already do).");
        }

        return CheckResult.Pass(Name, $"DEPLOYMENT_KIND=dev, {orgText}: a development deployment, so the prod-safety check does not apply");
    }
}
