namespace AxonFlow.Server.Errors;

/// <summary>Stable <c>reason</c> codes; clients switch on these, so they never change meaning.</summary>
public static class ErrorReasons
{
    public const string MissingCredentials = "missing_credentials";
    public const string InvalidCredentials = "invalid_credentials";
    public const string BadRequest = "bad_request";
    public const string InvalidRequest = "invalid_request";
    public const string InvalidJson = "invalid_json";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string PayloadTooLarge = "payload_too_large";
    public const string NotFound = "not_found";
    public const string ClientMismatch = "client_mismatch";
    public const string NotImplemented = "not_implemented";
    public const string UpstreamTimeout = "upstream_timeout";
    public const string UpstreamError = "upstream_error";
    public const string InvalidContext = "invalid_context";
    public const string SystemPolicy = "system_policy";
    public const string NotOverridable = "not_overridable";
    public const string Conflict = "conflict";
    public const string RateLimited = "rate_limited";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string Unavailable = "service_unavailable";
    public const string Internal = "internal_error";
    public const string SessionRequired = "session_required";
    public const string InvalidSession = "invalid_session";
    public const string SessionExpired = "session_expired";
    public const string Forbidden = "forbidden";
    public const string CrossSiteRequest = "cross_site_request";
    public const string OrgSuspended = "org_suspended";
    public const string InvalidAdminKey = "invalid_admin_key";
    public const string AdminPoolNotConfigured = "admin_pool_not_configured";
    public const string InvalidLicenseToken = "invalid_license_token";
    public const string CrossQuadrantToken = "cross_quadrant_token";
    public const string ScopeMismatch = "scope_mismatch";
    public const string TenantMismatch = "tenant_mismatch";
    public const string LicenseRevoked = "license_revoked";
    public const string InvalidSignature = "invalid_signature";
    public const string SourceNotAllowed = "source_not_allowed";
    public const string UnknownTenant = "unknown_tenant";
    public const string BillingNotConfigured = "billing_not_configured";
    public const string QuotaExceeded = "quota_exceeded";
    public const string InvalidToken = "invalid_token";
    public const string TenantDeleted = "tenant_deleted";
    public const string TenantLimitReached = "tenant_limit_reached";
}
