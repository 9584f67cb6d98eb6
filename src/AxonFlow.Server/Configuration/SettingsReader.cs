using System.Globalization;
using System.Text;
using AxonFlow.Core.Credentials;
using AxonFlow.Core.Identity;
using AxonFlow.Core.Isolation;
using AxonFlow.Postgres.Connections;
using AxonFlow.Server.Nodes;

namespace AxonFlow.Server.Configuration;

/// <summary>
/// Reads <see cref="AxonFlowSettings"/> from configuration (environment variables and appsettings) and reports every
/// invalid value at once, each message naming its variable. Values are trimmed: secrets pasted from files often end in a newline.
/// </summary>
public static class SettingsReader
{
    public const string DefaultHome = ".axonflow";

    /// <param name="configuration">Environment variables and appsettings.</param>
    /// <param name="homeOverride">The <c>--data-dir</c> of the command, over <c>AXONFLOW_HOME</c>.</param>
    /// <param name="timeProvider">The clock the deployment license's expiry is checked against (the system clock by default).</param>
    public static AxonFlowSettings Read(IConfiguration configuration, string? homeOverride = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new List<string>();
        string? Value(string name) => configuration[name] is { } raw && raw.Trim() is { Length: > 0 } trimmed ? trimmed : null;

        var databaseUrl = ReadDsn(Value(SettingNames.DatabaseUrl), SettingNames.DatabaseUrl, errors);
        var appRoleUrl = ReadDsn(Value(SettingNames.AppRoleUrl), SettingNames.AppRoleUrl, errors);
        var platformAdminUrl = ReadDsn(Value(SettingNames.PlatformAdminUrl), SettingNames.PlatformAdminUrl, errors);
        var useAppRole = ReadBool(Value(SettingNames.UseAppRole), SettingNames.UseAppRole, true, errors);

        var kind = DeploymentKind.Dev;
        switch (Value(SettingNames.DeploymentKind)?.ToLowerInvariant())
        {
            case null or "dev" or "development":
                break;
            case "production" or "prod":
                kind = DeploymentKind.Production;
                break;
            case var other:
                errors.Add($"{SettingNames.DeploymentKind} must be dev or production, but was '{other}'.");
                break;
        }

        var modeValue = Value(SettingNames.DeploymentMode);
        if (!DeploymentModeNames.TryParse(modeValue, out var mode))
        {
            errors.Add($"{SettingNames.DeploymentMode} must be one of {DeploymentModeNames.AllowedValues}, but was '{modeValue}'.");
        }

        var orgValue = Value(SettingNames.OrgId);
        var org = OrgId.LocalDev;
        if (orgValue is not null && !OrgId.TryCreate(orgValue, out var parsedOrg))
        {
            errors.Add($"{SettingNames.OrgId} must be 1-128 characters of letters, digits, '.', '_', ':', '@' or '-', but was '{Printable(orgValue)}'.");
        }
        else if (orgValue is not null)
        {
            org = OrgId.Create(orgValue);
        }

        var adminApiKey = Value(SettingNames.AdminApiKey);
        if (adminApiKey is { Length: < 16 })
        {
            errors.Add($"{SettingNames.AdminApiKey} must be at least 16 characters, but was {adminApiKey.Length}.");
        }

        var hashKey = Value(SettingNames.CredentialHashKey);
        if (hashKey is not null && Encoding.UTF8.GetByteCount(hashKey) < CredentialHasher.MinimumKeyBytes)
        {
            errors.Add($"{SettingNames.CredentialHashKey} must be at least {CredentialHasher.MinimumKeyBytes} characters, but was {hashKey.Length}.");
        }
        else if (hashKey is null && kind == DeploymentKind.Production)
        {
            errors.Add($"{SettingNames.CredentialHashKey} is required when {SettingNames.DeploymentKind}=production (at least {CredentialHasher.MinimumKeyBytes} random characters; it keys the hash of stored client secrets).");
        }

        var maxBody = Value(SettingNames.MaxRequestBodyBytes);
        long maxBodyBytes = 1024 * 1024;
        if (maxBody is not null && (!long.TryParse(maxBody, NumberStyles.None, CultureInfo.InvariantCulture, out maxBodyBytes) || maxBodyBytes < 1024))
        {
            errors.Add($"{SettingNames.MaxRequestBodyBytes} must be a whole number of bytes of at least 1024, but was '{maxBody}'.");
        }

        var rateValue = Value(SettingNames.ClientRateLimitPerMinute);
        var rateLimit = 6000;
        if (rateValue is not null && (!int.TryParse(rateValue, NumberStyles.None, CultureInfo.InvariantCulture, out rateLimit) || rateLimit < 0))
        {
            errors.Add($"{SettingNames.ClientRateLimitPerMinute} must be a whole number of requests (0 turns the limit off), but was '{rateValue}'.");
        }

        var workers = ReadWorkers(Value, mode, errors);
        var portal = Portal.PortalSettings.Read(Value, errors);
        var nodes = NodeSettingsReader.Read(Value, errors);

        var license = Licensing.DeploymentLicenseReader.Read(Value, mode, timeProvider ?? TimeProvider.System, errors);
        if (license is not null)
        {
            org = Licensing.DeploymentLicenseReader.Reconcile(license, orgValue, org, errors);
        }

        var pluginTokenKeys = Licensing.PluginTokenKeysReader.Read(Value, errors);
        var trustedProxies = Networking.TrustedProxies.Read(Value, errors);
        var billing = Billing.BillingSettings.Read(Value, mode, errors);
        var email = Email.EmailSettings.Read(Value, kind, errors);
        var communitySaasTiers = CommunitySaas.Tiers.CommunitySaasTierSettings.Read(Value, errors);
        var selfService = CommunitySaas.SelfService.SelfServiceSettings.Read(Value, errors);
        var communitySaas = CommunitySaas.CommunitySaasSettings.Read(Value, mode, kind, errors);

        var anyDatabase = databaseUrl is not null || appRoleUrl is not null || platformAdminUrl is not null;
        if (anyDatabase && useAppRole && appRoleUrl is null && !(kind == DeploymentKind.Dev && databaseUrl is not null))
        {
            errors.Add($"{SettingNames.AppRoleUrl} is required when {SettingNames.UseAppRole}=true ({SettingNames.DatabaseUrl} is used as a fallback only when {SettingNames.DeploymentKind}=dev).");
        }

        if (anyDatabase && !useAppRole && databaseUrl is null)
        {
            errors.Add($"{SettingNames.DatabaseUrl} is required when {SettingNames.UseAppRole}=false (the legacy posture connects with it).");
        }

        if (!anyDatabase && kind == DeploymentKind.Production)
        {
            errors.Add($"{SettingNames.DatabaseUrl} or {SettingNames.AppRoleUrl} is required when {SettingNames.DeploymentKind}=production; the embedded database is for development only.");
        }

        if (errors.Count > 0)
        {
            throw new SettingsException(errors);
        }

        return new AxonFlowSettings
        {
            DatabaseUrl = databaseUrl,
            UseAppRole = useAppRole,
            AppRoleUrl = appRoleUrl,
            PlatformAdminUrl = platformAdminUrl,
            DeploymentOrg = org,
            DeploymentOrgConfigured = orgValue is not null || license is not null,
            Kind = kind,
            Mode = mode,
            AdminApiKey = adminApiKey,
            CredentialHashKey = hashKey,
            Home = Path.GetFullPath(homeOverride ?? Value(SettingNames.Home) ?? DefaultHome),
            MaxRequestBodyBytes = maxBodyBytes,
            ClientRateLimitPerMinute = rateLimit,
            EnabledWorkers = workers,
            Portal = portal,
            Nodes = nodes,
            License = license,
            PluginTokenKeys = pluginTokenKeys,
            TrustedProxies = trustedProxies,
            Billing = billing,
            Email = email,
            CommunitySaasTiers = communitySaasTiers,
            SelfService = selfService,
            CommunitySaas = communitySaas,
        };
    }

    internal static HashSet<AdminPoolWorker> ReadWorkers(Func<string, string?> value, DeploymentMode mode, List<string> errors)
    {
        var communitySaas = mode == DeploymentMode.CommunitySaas;
        var workers = new HashSet<AdminPoolWorker>();
        void Add(AdminPoolWorker worker, string name, bool defaultValue)
        {
            if (ReadBool(value(name), name, defaultValue, errors))
            {
                workers.Add(worker);
            }
        }

        Add(AdminPoolWorker.Marketplace, SettingNames.EnableMarketplaceMetering, false);
        Add(AdminPoolWorker.NodeMonitor, SettingNames.EnableNodeMonitor, false);
        Add(AdminPoolWorker.CommunitySaasSweep, SettingNames.CommunitySaasSweep, communitySaas);
        Add(AdminPoolWorker.CommunitySaasRecovery, SettingNames.CommunitySaasRecovery, communitySaas);
        Add(AdminPoolWorker.CommunitySaasDelete, SettingNames.CommunitySaasDelete, communitySaas);
        Add(AdminPoolWorker.CustomerPortal, SettingNames.EnableCustomerPortal, false);
        if (Email.EmailSettings.TransportConfigured(value))
        {
            workers.Add(AdminPoolWorker.EmailDelivery);
        }

        return workers;
    }

    private static string? ReadDsn(string? value, string name, List<string> errors)
    {
        if (value is null)
        {
            return null;
        }

        try
        {
            return PostgresConnectionString.Normalize(value);
        }
        catch (FormatException ex)
        {
            errors.Add($"{name} is not a usable PostgreSQL DSN: {ex.Message}. Use postgres://user:password@host:5432/db?sslmode=require or Host=...;Username=...;Password=...;Database=....");
            return null;
        }
    }

    private static bool ReadBool(string? value, string name, bool defaultValue, List<string> errors)
    {
        switch (value?.ToLowerInvariant())
        {
            case null:
                return defaultValue;
            case "true" or "1" or "yes" or "on":
                return true;
            case "false" or "0" or "no" or "off":
                return false;
            default:
                errors.Add($"{name} must be true or false, but was '{Printable(value)}'.");
                return defaultValue;
        }
    }

    private static string Printable(string value) => value.Length > 64 ? value[..64] + "…" : value;
}
