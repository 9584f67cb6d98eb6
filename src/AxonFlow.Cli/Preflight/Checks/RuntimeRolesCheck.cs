using AxonFlow.Postgres.Operations;
using AxonFlow.Postgres.Roles;

namespace AxonFlow.Cli.Preflight.Checks;

/// <summary>
/// Check 5: the two runtime roles. Absent is fine (migration 004 creates them); present with the wrong BYPASSRLS posture
/// fails, because 004 would stop on it and FORCE RLS would be decorative or cross-org workers blind.
/// </summary>
internal sealed class RuntimeRolesCheck : IPreflightCheck
{
    public string Name => "runtime-roles";

    public IReadOnlyList<CheckResult> Evaluate(PreflightFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Database is not { } database)
        {
            return [facts.NotChecked(Name)];
        }

        var verdicts = new[]
        {
            Judge(database.Role(RuntimeRoles.AppRole), RuntimeRoles.AppRole, requiresBypass: false),
            Judge(database.Role(RuntimeRoles.PlatformAdmin), RuntimeRoles.PlatformAdmin, requiresBypass: true),
        };
        var outcome = verdicts.Max(v => v.Outcome);
        var detail = string.Join("; ", verdicts.Select(v => v.Detail));
        var remediation = string.Join(" ", verdicts.Where(v => v.Outcome == outcome && v.Remediation is not null).Select(v => v.Remediation));
        return [new CheckResult(outcome, Name, detail, remediation.Length == 0 ? null : remediation)];
    }

    private static (CheckOutcome Outcome, string Detail, string? Remediation) Judge(RoleState? role, string name, bool requiresBypass)
    {
        if (role is null)
        {
            return (CheckOutcome.Pass, $"{name} absent (migration 004 will create it)", null);
        }

        if (!requiresBypass && (role.BypassRls || role.Superuser))
        {
            return (CheckOutcome.Fail,
                $"{name} exists with {(role.Superuser ? "SUPERUSER" : "BYPASSRLS")}, so FORCE RLS would not filter request traffic (migration 004 refuses it)",
                $"As a superuser: ALTER ROLE {name} NOBYPASSRLS NOSUPERUSER; then re-run preflight.");
        }

        if (requiresBypass && !role.BypassRls && !role.Superuser)
        {
            return (CheckOutcome.Fail,
                $"{name} exists without BYPASSRLS, so cross-org workers would silently see 0 rows (migration 004 refuses it)",
                $"As a superuser: ALTER ROLE {name} BYPASSRLS; then re-run preflight.");
        }

        var posture = requiresBypass ? "BYPASSRLS" : "NOBYPASSRLS";
        if (!role.CanLogin || role.HasPassword == false)
        {
            return (CheckOutcome.Warn,
                $"{name} exists ({posture}) but cannot log in yet ({(role.CanLogin ? "no password" : "NOLOGIN")})",
                "Run `axonflow provision-app-role` with APP_ROLE_PASSWORD and PLATFORM_ADMIN_PASSWORD set.");
        }

        var password = role.HasPassword is null
            ? role.ProvisionedMarker ? "provisioned" : "password not visible to this role"
            : "password set";
        return (CheckOutcome.Pass, $"{name} present ({posture}, {password})", null);
    }
}
