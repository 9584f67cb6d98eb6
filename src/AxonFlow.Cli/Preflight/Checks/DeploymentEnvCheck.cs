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

        if (environment.LicenseProblems.Count > 0)
        {
            return CheckResult.Fail(
                Name,
                $"the agent would refuse its deployment license: {string.Join(" ", environment.LicenseProblems)}",
                "Fix AXONFLOW_LICENSE_KEY and AXONFLOW_LICENSE_PUBLIC_KEYS as the message says (docs/licensing.md), then re-run preflight.");
        }

        if (environment is { LicensedOrg: { } licensed, Org: { } configured } && licensed != configured)
        {
            return CheckResult.Fail(
                Name,
                $"ORG_ID is '{configured}' but AXONFLOW_LICENSE_KEY licenses organization '{licensed}': the agent refuses to start",
                $"Unset ORG_ID or set it to '{licensed}'.");
        }

        var orgText = environment.LicensedOrg is { } licensedOrg ? $"org {licensedOrg} from AXONFLOW_LICENSE_KEY"
            : environment.Org is { } org ? $"ORG_ID={org}"
            : $"ORG_ID unset ({OrgId.LocalDevSentinel})";
        if (kind == DeploymentKind.Production)
        {
            if (environment.EffectiveOrg is not { IsLocalDevSentinel: false })
            {
                var state = environment.EffectiveOrg is null ? "unset" : "the local-dev-org sentinel";
                return CheckResult.Fail(
                    Name,
                    $"DEPLOYMENT_KIND=production but ORG_ID is {state}: migration 003 would stop with the prod-safety abort",
                    "Set ORG_ID to your real customer identifier (not local-dev-org) on the agent, then re-run preflight.");
            }

            return CheckResult.Pass(Name, $"DEPLOYMENT_KIND=production, {orgText}");
        }

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
