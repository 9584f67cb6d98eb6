namespace AxonFlow.Server.Configuration;

/// <summary>The environment variables (and <c>appsettings</c> keys) the service reads; seed 000 fixes most of these names.</summary>
public static class SettingNames
{
    public const string DatabaseUrl = "DATABASE_URL";
    public const string UseAppRole = "AXONFLOW_DB_USE_APP_ROLE";
    public const string AppRoleUrl = "AXONFLOW_DB_APP_ROLE_URL";
    public const string PlatformAdminUrl = "AXONFLOW_DB_PLATFORM_ADMIN_URL";
    public const string OrgId = "ORG_ID";
    public const string DeploymentKind = "DEPLOYMENT_KIND";
    public const string DeploymentMode = "DEPLOYMENT_MODE";
    public const string AdminApiKey = "ADMIN_API_KEY";
    public const string EnableNodeMonitor = "ENABLE_NODE_MONITOR";
    public const string EnableMarketplaceMetering = "ENABLE_MARKETPLACE_METERING";
    public const string EnableCustomerPortal = "ENABLE_CUSTOMER_PORTAL";
    public const string CommunitySaasSweep = "COMMUNITY_SAAS_SWEEP_ENABLED";
    public const string CommunitySaasRecovery = "COMMUNITY_SAAS_RECOVERY_ENABLED";
    public const string CommunitySaasDelete = "COMMUNITY_SAAS_DELETE_ENABLED";
    public const string CredentialHashKey = "AXONFLOW_CREDENTIAL_HASH_KEY";
    public const string Home = "AXONFLOW_HOME";
    public const string MaxRequestBodyBytes = "AXONFLOW_MAX_REQUEST_BODY_BYTES";
    public const string ClientRateLimitPerMinute = "AXONFLOW_CLIENT_RATE_LIMIT_PER_MINUTE";
    public const string PortalSessionIdleMinutes = "AXONFLOW_PORTAL_SESSION_IDLE_MINUTES";
    public const string PortalSessionAbsoluteHours = "AXONFLOW_PORTAL_SESSION_ABSOLUTE_HOURS";
    public const string PortalLoginIpLimit = "AXONFLOW_PORTAL_LOGIN_IP_LIMIT";
    public const string PortalLoginAccountLimit = "AXONFLOW_PORTAL_LOGIN_ACCOUNT_LIMIT";
    public const string NodeHeartbeatSeconds = "AXONFLOW_NODE_HEARTBEAT_SECONDS";
    public const string NodeStaleIntervals = "AXONFLOW_NODE_STALE_INTERVALS";
    public const string NodeLimitGraceSeconds = "AXONFLOW_NODE_LIMIT_GRACE_SECONDS";
    public const string LicenseKey = "AXONFLOW_LICENSE_KEY";
    public const string LicensePublicKeys = "AXONFLOW_LICENSE_PUBLIC_KEYS";
    public const string PluginClaimedPublicKey = "AXONFLOW_PLUGIN_CLAIMED_PUBLIC_KEY";
    public const string PluginClaimedSigningKey = "AXONFLOW_PLUGIN_CLAIMED_SIGNING_KEY";
    public const string TrustedProxies = "AXONFLOW_TRUSTED_PROXIES";
    public const string PublicUrl = "AXONFLOW_PUBLIC_URL";
    public const string CommunitySaasRegisterPerIpPerHour = "COMMUNITY_SAAS_REGISTER_PER_IP_PER_HOUR";
    public const string CommunitySaasMinuteLimit = "COMMUNITY_SAAS_MINUTE_LIMIT";
}
