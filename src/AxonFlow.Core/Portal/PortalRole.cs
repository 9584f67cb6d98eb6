using System.Diagnostics.CodeAnalysis;

namespace AxonFlow.Core.Portal;

/// <summary>What a portal user may do: members use the portal; admins also manage API keys, SSO and SCIM tokens.</summary>
public enum PortalRole
{
    Member,
    Admin,
}

public static class PortalRoleNames
{
    public const string Member = "member";
    public const string Admin = "admin";
    public const string AllowedValues = "admin, member";

    public static string ToWire(this PortalRole role) => role == PortalRole.Admin ? Admin : Member;

    public static bool TryParse(string? value, [NotNullWhen(true)] out PortalRole? role)
    {
        role = value?.Trim().ToLowerInvariant() switch
        {
            Admin => PortalRole.Admin,
            Member => PortalRole.Member,
            _ => null,
        };
        return role is not null;
    }
}
