namespace AxonFlow.Server.Admin;

/// <summary>Texts the admin surface answers with.</summary>
internal static class AdminMessages
{
    /// <summary>The one answer for a missing, wrong or unconfigured key: it never says which.</summary>
    public const string KeyRequired = "Admin API key required: send a valid X-Admin-API-Key header";

    public const string AdminPoolRequired =
        "The admin API runs cross-org work on the platform-admin pool, which is not configured: set AXONFLOW_DB_PLATFORM_ADMIN_URL";

    public const string OrganizationNotFound = "Organization not found";

    public const string CredentialNotFound = "Credential not found";
}
