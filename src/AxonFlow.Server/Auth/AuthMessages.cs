namespace AxonFlow.Server.Auth;

/// <summary>Refusal texts the SDKs and operators see; the Community SaaS wording follows the original agent.</summary>
internal static class AuthMessages
{
    public const string AuthenticationRequired = "Authentication required: provide Authorization header with Basic auth (clientId:clientSecret)";
    public const string RegistrationRequired = "Registration required. POST to /api/v1/register to get credentials.";
    public const string InvalidCredentials = "Invalid credentials";
    public const string InvalidOrExpiredRegistration = "Invalid credentials or registration expired";
    public const string TenantDeleted = "This tenant was deleted at the owner's request; register again to continue (POST /api/v1/register)";
    public const string CredentialRateLimited = "Too many requests for this tenant; retry after the Retry-After interval";
    public const string InvalidClientId = "Invalid credentials: the client id must be 1-128 characters of letters, digits, '.', '_', ':', '@' or '-'";
}
