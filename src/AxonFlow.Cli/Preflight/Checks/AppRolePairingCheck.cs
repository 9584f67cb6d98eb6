using AxonFlow.Core.Identity;
using AxonFlow.Core.Isolation;

namespace AxonFlow.Cli.Preflight.Checks;

/// <summary>
/// Check 8: <c>AXONFLOW_DB_USE_APP_ROLE</c> against <c>AXONFLOW_DB_PLATFORM_ADMIN_URL</c>: FAIL exactly when the agent's
/// refuse-to-boot guards would fire, plus a WARN-level customized-handler advisory whenever the app role is in effect.
/// </summary>
internal sealed class AppRolePairingCheck : IPreflightCheck
{
    public const string AdvisoryDetail =
        "customized-handler audit: under the app role every write into an RLS table must run in an org scope, a SECURITY DEFINER helper or the platform-admin pool; preflight cannot scan a fork from outside";

    public string Name => "app-role-pairing";

    public IReadOnlyList<CheckResult> Evaluate(PreflightFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var environment = facts.Environment;
        if (environment.UseAppRole is not { } useAppRole)
        {
            return [CheckResult.Fail(
                Name,
                $"AXONFLOW_DB_USE_APP_ROLE must be true or false, but was '{environment.UseAppRoleValue}'",
                "Set AXONFLOW_DB_USE_APP_ROLE=true (the default) or false (the legacy posture).")];
        }

        if (environment.SwitchErrors.Count > 0)
        {
            return [CheckResult.Fail(Name, string.Join(" ", environment.SwitchErrors), "Fix the values named above; the agent refuses to start with them.")];
        }

        if (!useAppRole)
        {
            return [CheckResult.Pass(
                Name,
                "AXONFLOW_DB_USE_APP_ROLE=false: the legacy posture on DATABASE_URL; the refuse-to-boot guards are no-ops and FORCE RLS does not filter the owner")];
        }

        var setting = environment.UseAppRoleValue is null ? "AXONFLOW_DB_USE_APP_ROLE unset (default true)" : "AXONFLOW_DB_USE_APP_ROLE=true";
        return [Pairing(environment, setting), CheckResult.Warn(
            Name,
            AdvisoryDetail,
            "If you run a fork or in-tree customizations, audit their INSERT/UPDATE/DELETE paths (docs/operations/upgrade-guide.md#customized-handler-audit) before keeping the app role on.")];
    }

    private CheckResult Pairing(PreflightEnvironment environment, string setting)
    {
        var fatal = RefuseToBootGuards.Evaluate(environment.Workers, useAppRole: true, environment.PlatformAdminUrlSet, environment.AdminApiKeySet);
        if (fatal.Count > 0)
        {
            var blocked = fatal.Select(line => line.Contains(RefuseToBootGuards.AdminApiKeyRequiredMessage, StringComparison.Ordinal)
                ? $"{line.Split(' ')[0]} needs ADMIN_API_KEY"
                : $"{line.Split(' ')[0]} needs AXONFLOW_DB_PLATFORM_ADMIN_URL");
            return CheckResult.Fail(
                Name,
                $"{setting} and the agent would refuse to boot: {string.Join(", ", blocked)}",
                "Set AXONFLOW_DB_PLATFORM_ADMIN_URL to a DSN for axonflow_platform_admin (`axonflow provision-app-role` prints the template) and ADMIN_API_KEY where named, or turn those switches off, or set AXONFLOW_DB_USE_APP_ROLE=false for a phased rollout.");
        }

        if (!environment.AppRoleUrlSet)
        {
            if (environment.Kind == DeploymentKind.Production)
            {
                return CheckResult.Fail(
                    Name,
                    $"{setting} but AXONFLOW_DB_APP_ROLE_URL is unset: the agent refuses to start in production",
                    "Run `axonflow provision-app-role` and set AXONFLOW_DB_APP_ROLE_URL to the DSN template it prints.");
            }

            return CheckResult.Warn(
                Name,
                $"{setting} but AXONFLOW_DB_APP_ROLE_URL is unset: request traffic falls back to DATABASE_URL (dev only), which FORCE RLS does not filter when it is the owner",
                "Set AXONFLOW_DB_APP_ROLE_URL (see `axonflow provision-app-role`).");
        }

        var workers = environment.Workers.Count == 0
            ? "no guarded worker is enabled"
            : $"the guarded workers {string.Join(", ", environment.Workers.Order().Select(w => w.GuardPrefix()))} have AXONFLOW_DB_PLATFORM_ADMIN_URL";
        return CheckResult.Pass(Name, $"{setting}, AXONFLOW_DB_APP_ROLE_URL set, {workers}");
    }
}
