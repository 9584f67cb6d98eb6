namespace AxonFlow.Postgres.Operations;

/// <summary>A runtime role as the catalog describes it.</summary>
/// <param name="Name">The role name.</param>
/// <param name="CanLogin">LOGIN.</param>
/// <param name="BypassRls">BYPASSRLS.</param>
/// <param name="Superuser">SUPERUSER (which also bypasses RLS).</param>
/// <param name="HasPassword">Whether a password is set; null when the inspecting role may not read <c>pg_authid</c>.</param>
/// <param name="ProvisionedMarker">Whether <c>axonflow provision-app-role</c> recorded that it set the password.</param>
public sealed record RoleState(string Name, bool CanLogin, bool BypassRls, bool Superuser, bool? HasPassword, bool ProvisionedMarker)
{
    /// <summary>A password was set, by whatever evidence the inspecting role can see.</summary>
    public bool IsProvisioned => HasPassword ?? ProvisionedMarker;
}
