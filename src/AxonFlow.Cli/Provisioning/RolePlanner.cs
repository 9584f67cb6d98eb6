using AxonFlow.Postgres.Operations;

namespace AxonFlow.Cli.Provisioning;

/// <summary>
/// Decides, without touching anything, what to do with one role: the same password again is a no-op, a role without a
/// password gets one, and a role whose password differs is refused unless <c>FORCE_RESET=1</c>.
/// </summary>
internal static class RolePlanner
{
    /// <summary>Returns the action, or a refusal naming the cause and the fix.</summary>
    /// <param name="target">The role and where its password comes from.</param>
    /// <param name="state">The role in the catalog; null when it does not exist.</param>
    /// <param name="loginAccepted">Whether a login with the supplied password succeeded (null when not attempted).</param>
    /// <param name="forceReset">Whether <c>FORCE_RESET=1</c> was given.</param>
    public static (ProvisionAction? Action, string? Refusal) Plan(RoleTarget target, RoleState? state, bool? loginAccepted, bool forceReset)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (state is null)
        {
            return (null, $"role {target.Role} does not exist: run `axonflow migrate up` first (migration 004 creates it).");
        }

        if (target.RequiresBypassRls != (state.BypassRls || state.Superuser))
        {
            var fix = target.RequiresBypassRls ? $"ALTER ROLE {target.Role} BYPASSRLS" : $"ALTER ROLE {target.Role} NOBYPASSRLS NOSUPERUSER";
            return (null, $"role {target.Role} must be {target.Posture} but is not; no password was set. As a superuser run {fix}, then re-run.");
        }

        if (loginAccepted == true)
        {
            return (ProvisionAction.Unchanged, null);
        }

        if (!state.IsProvisioned)
        {
            return (ProvisionAction.Set, null);
        }

        return forceReset
            ? (ProvisionAction.Rotate, null)
            : (null, $"role {target.Role} already has a password and it is not {target.PasswordVariable}; refusing to change it. If you mean to rotate it, re-run with FORCE_RESET=1, and afterwards update every {target.DsnVariable} that still carries the old password.");
    }

    public static bool ShouldTryLogin(RoleState? state) => state is { CanLogin: true, HasPassword: not false };
}
