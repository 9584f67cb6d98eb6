using AxonFlow.Postgres.Roles;

namespace AxonFlow.Cli.Provisioning;

/// <summary>A runtime role, the variable its password comes from, the DSN variable it is used in, and the posture it must have.</summary>
internal sealed record RoleTarget(string Role, string PasswordVariable, string DsnVariable, bool RequiresBypassRls)
{
    public const string AppRolePasswordVariable = "APP_ROLE_PASSWORD";

    public const string PlatformAdminPasswordVariable = "PLATFORM_ADMIN_PASSWORD";

    public static RoleTarget App { get; } = new(RuntimeRoles.AppRole, AppRolePasswordVariable, "AXONFLOW_DB_APP_ROLE_URL", RequiresBypassRls: false);

    public static RoleTarget PlatformAdmin { get; } = new(RuntimeRoles.PlatformAdmin, PlatformAdminPasswordVariable, "AXONFLOW_DB_PLATFORM_ADMIN_URL", RequiresBypassRls: true);

    public static IReadOnlyList<RoleTarget> Both { get; } = [App, PlatformAdmin];

    public string Posture => RequiresBypassRls ? "BYPASSRLS" : "NOBYPASSRLS";
}
