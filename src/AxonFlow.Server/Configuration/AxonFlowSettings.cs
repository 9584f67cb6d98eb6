using AxonFlow.Core.Identity;
using AxonFlow.Core.Isolation;
using AxonFlow.Server.Nodes;

namespace AxonFlow.Server.Configuration;

/// <summary>The validated configuration. DSNs are already normalised to Npgsql form; none of it is ever logged whole.</summary>
public sealed record AxonFlowSettings
{
    public string? DatabaseUrl { get; init; }

    public bool UseAppRole { get; init; } = true;

    public string? AppRoleUrl { get; init; }

    public string? PlatformAdminUrl { get; init; }

    public OrgId DeploymentOrg { get; init; } = OrgId.LocalDev;

    /// <summary>False when <c>ORG_ID</c> was not set and the dev sentinel is in use.</summary>
    public bool DeploymentOrgConfigured { get; init; }

    public DeploymentKind Kind { get; init; } = DeploymentKind.Dev;

    public DeploymentMode Mode { get; init; } = DeploymentMode.Community;

    public string? AdminApiKey { get; init; }

    public string? CredentialHashKey { get; init; }

    public required string Home { get; init; }

    public long MaxRequestBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>Requests per minute per client on the governed surfaces; 0 turns the limit off.</summary>
    public int ClientRateLimitPerMinute { get; init; } = 6000;

    public IReadOnlySet<AdminPoolWorker> EnabledWorkers { get; init; } = new HashSet<AdminPoolWorker>();

    /// <summary>Node heartbeat, stale window and node-limit grace (<c>AXONFLOW_NODE_*</c>).</summary>
    public NodeSettings Nodes { get; init; } = new();
    /// <summary>The deployment license validated at start-up (<c>AXONFLOW_LICENSE_KEY</c>); null without one.</summary>
    public Licensing.DeploymentLicense? License { get; init; }

    /// <summary>The keys plugin license tokens (<c>X-License-Token</c>) are verified with.</summary>
    public Licensing.PluginTokenKeys PluginTokenKeys { get; init; } = Licensing.PluginTokenKeys.None;

    /// <summary>Customer-portal session lifetimes and login limits.</summary>
    public Portal.PortalSettings Portal { get; init; } = new();

    /// <summary>Proxies whose <c>X-Forwarded-For</c> is believed (<c>AXONFLOW_TRUSTED_PROXIES</c>); none by default.</summary>
    public Networking.TrustedProxies TrustedProxies { get; init; } = Networking.TrustedProxies.None;

    /// <summary>The Stripe webhook and Pro license settings (<c>STRIPE_WEBHOOK_SIGNING_SECRET</c>, <c>AXONFLOW_BILLING_*</c>).</summary>
    public Billing.BillingSettings Billing { get; init; } = new();

    /// <summary>Email delivery from the outbox: transport, From, retries (docs/email.md).</summary>
    public Email.EmailSettings Email { get; init; } = new();

    /// <summary>Community SaaS daily quotas and retention sweep (<c>COMMUNITY_SAAS_DAILY_LIMIT</c>, <c>COMMUNITY_SAAS_SWEEP_*</c>).</summary>
    public CommunitySaas.Tiers.CommunitySaasTierSettings CommunitySaasTiers { get; init; } = new();

    /// <summary>Community SaaS credential recovery and GDPR erasure: public URL, token peppers, Stripe customer deletion.</summary>
    public CommunitySaas.SelfService.SelfServiceSettings SelfService { get; init; } = new();
    /// <summary>Community SaaS registration and per-credential limits, and the public endpoint new tenants are given.</summary>
    public CommunitySaas.CommunitySaasSettings CommunitySaas { get; init; } = new();

    /// <summary>No database configured at all: serve starts the private cluster under <see cref="Home"/>.</summary>
    public bool UsesEmbeddedDatabase => DatabaseUrl is null && AppRoleUrl is null && PlatformAdminUrl is null;

    /// <summary>The DSN request traffic uses: the app role, the dev-only fallback to <c>DATABASE_URL</c>, or the legacy owner DSN.</summary>
    public string? RuntimeUrl => UseAppRole ? AppRoleUrl ?? (Kind == DeploymentKind.Dev ? DatabaseUrl : null) : DatabaseUrl;

    public override string ToString() =>
        $"AxonFlowSettings {{ Mode = {Mode.ToWireName()}, Kind = {Kind}, Org = {DeploymentOrg}, UseAppRole = {UseAppRole}, Embedded = {UsesEmbeddedDatabase} }}";
}
