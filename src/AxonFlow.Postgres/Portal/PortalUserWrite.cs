namespace AxonFlow.Postgres.Portal;

/// <summary>The outcome of creating or changing a portal user.</summary>
public abstract record PortalUserWrite
{
    private PortalUserWrite()
    {
    }

    public sealed record Written(PortalUser User) : PortalUserWrite;

    public sealed record NotFound : PortalUserWrite;

    /// <summary>No <c>organizations</c> row for the org: users are only created for organizations that exist.</summary>
    public sealed record OrganizationMissing : PortalUserWrite;

    /// <summary>The email is already a login somewhere in the deployment (logins are unique across orgs).</summary>
    public sealed record EmailTaken : PortalUserWrite;

    public sealed record ExternalIdTaken : PortalUserWrite;
}
