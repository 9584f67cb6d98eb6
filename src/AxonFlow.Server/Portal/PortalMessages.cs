namespace AxonFlow.Server.Portal;

/// <summary>Refusal texts of the portal surfaces; they name the credential model a caller should use, never what was wrong with an account.</summary>
internal static class PortalMessages
{
    public const string SessionRequired = "Portal session required: sign in with POST /api/v1/auth/login (the axonflow_session cookie)";
    public const string WrongCredentialModel = "Portal routes authenticate with the axonflow_session cookie (POST /api/v1/auth/login); Basic auth, bearer tokens and admin keys are not accepted here";
    public const string InvalidSession = "Portal session is not valid; sign in again";
    public const string SessionExpired = "Portal session expired; sign in again";
    public const string InvalidLogin = "Invalid email or password";
    public const string OrgSuspended = "The organization is suspended";
    public const string AdminRequired = "This action needs the portal admin role";
    public const string CrossSite = "Cross-site request refused: portal writes must come from the portal's own origin";
}
