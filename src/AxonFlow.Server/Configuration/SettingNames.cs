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
    public const string StripeWebhookSigningSecret = "STRIPE_WEBHOOK_SIGNING_SECRET";
    public const string StripeWebhookIpAllowList = "AXONFLOW_STRIPE_WEBHOOK_IP_ALLOWLIST";
    public const string StripeWebhookRatePerMinute = "AXONFLOW_STRIPE_WEBHOOK_RATE_PER_MIN";
    public const string BillingProValidityDays = "AXONFLOW_BILLING_PRO_VALIDITY_DAYS";
    public const string BillingFromEmail = "AXONFLOW_BILLING_FROM_EMAIL";
    public const string EmailTransport = "AXONFLOW_EMAIL_TRANSPORT";
    public const string EmailFrom = "AXONFLOW_EMAIL_FROM";
    public const string EmailMaxAttempts = "AXONFLOW_EMAIL_MAX_ATTEMPTS";
    public const string EmailRetryBaseSeconds = "AXONFLOW_EMAIL_RETRY_BASE_SECONDS";
    public const string EmailPollSeconds = "AXONFLOW_EMAIL_POLL_SECONDS";
    public const string SmtpHost = "SMTP_HOST";
    public const string SmtpPort = "SMTP_PORT";
    public const string SmtpUsername = "SMTP_USERNAME";
    public const string SmtpPassword = "SMTP_PASSWORD";
    public const string SmtpFrom = "SMTP_FROM";
    public const string SmtpSecurity = "SMTP_SECURITY";
    public const string SmtpAllowPlaintextAuth = "SMTP_ALLOW_PLAINTEXT_AUTH";
    public const string ResendApiKey = "RESEND_API_KEY";
    public const string ResendBaseUrl = "AXONFLOW_RESEND_BASE_URL";
    public const string CommunitySaasDailyLimit = "COMMUNITY_SAAS_DAILY_LIMIT";
    public const string CommunitySaasSweepIntervalMinutes = "COMMUNITY_SAAS_SWEEP_INTERVAL_MINUTES";
    public const string CommunitySaasSweepBatchSize = "COMMUNITY_SAAS_SWEEP_BATCH_SIZE";
}
