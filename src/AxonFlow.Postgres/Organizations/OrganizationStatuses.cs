namespace AxonFlow.Postgres.Organizations;

/// <summary>The values of <c>organizations.status</c> (a CHECK constraint of migration 001 allows exactly these).</summary>
public static class OrganizationStatuses
{
    public const string Active = "active";
    public const string Suspended = "suspended";
    public const string Deleted = "deleted";
}
