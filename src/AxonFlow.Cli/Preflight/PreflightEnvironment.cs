using AxonFlow.Core.Identity;
using AxonFlow.Core.Isolation;
using AxonFlow.Server.Configuration;
using Microsoft.Extensions.Configuration;

namespace AxonFlow.Cli.Preflight;

/// <summary>
/// The environment hints preflight judges. Unlike <see cref="SettingsReader"/> it never refuses: an invalid value is kept
/// (as its raw text) so the check that owns the variable can report it.
/// </summary>
internal sealed record PreflightEnvironment
{
    public string? DeploymentKindValue { get; init; }

    /// <summary>Null when <see cref="DeploymentKindValue"/> is not a valid kind.</summary>
    public DeploymentKind? Kind { get; init; } = DeploymentKind.Dev;

    public string? OrgIdValue { get; init; }

    /// <summary>The parsed <c>ORG_ID</c>; null when unset or invalid.</summary>
    public OrgId? Org { get; init; }

    public string? UseAppRoleValue { get; init; }

    /// <summary>Null when <see cref="UseAppRoleValue"/> is not a boolean; true when unset (the default).</summary>
    public bool? UseAppRole { get; init; } = true;

    public bool AppRoleUrlSet { get; init; }

    public bool PlatformAdminUrlSet { get; init; }

    public bool AdminApiKeySet { get; init; }

    public IReadOnlySet<AdminPoolWorker> Workers { get; init; } = new HashSet<AdminPoolWorker>();

    /// <summary>Problems with <c>DEPLOYMENT_MODE</c> and the worker switches, worded as the agent words them.</summary>
    public IReadOnlyList<string> SwitchErrors { get; init; } = [];

    public bool OrgIdInvalid => OrgIdValue is not null && Org is null;

    /// <summary>The org migration 003 would stamp: <c>ORG_ID</c>, or the dev sentinel when it is unset.</summary>
    public OrgId BackfillOrg => Org ?? OrgId.LocalDev;

    public static PreflightEnvironment Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? Value(string name) => configuration[name] is { } raw && raw.Trim() is { Length: > 0 } trimmed ? trimmed : null;

        var kindValue = Value(SettingNames.DeploymentKind);
        DeploymentKind? kind = kindValue?.ToLowerInvariant() switch
        {
            null or "dev" or "development" => DeploymentKind.Dev,
            "production" or "prod" => DeploymentKind.Production,
            _ => null,
        };

        var orgValue = Value(SettingNames.OrgId);
        var org = OrgId.TryCreate(orgValue, out var parsed) ? parsed : null;

        var useAppRoleValue = Value(SettingNames.UseAppRole);
        bool? useAppRole = useAppRoleValue?.ToLowerInvariant() switch
        {
            null or "true" or "1" or "yes" or "on" => true,
            "false" or "0" or "no" or "off" => false,
            _ => null,
        };

        var errors = new List<string>();
        var modeValue = Value(SettingNames.DeploymentMode);
        if (!DeploymentModeNames.TryParse(modeValue, out var mode))
        {
            errors.Add($"{SettingNames.DeploymentMode} must be one of {DeploymentModeNames.AllowedValues}, but was '{modeValue}'.");
        }

        var workers = SettingsReader.ReadWorkers(Value, mode, errors);
        return new PreflightEnvironment
        {
            DeploymentKindValue = kindValue,
            Kind = kind,
            OrgIdValue = orgValue,
            Org = org,
            UseAppRoleValue = useAppRoleValue,
            UseAppRole = useAppRole,
            AppRoleUrlSet = Value(SettingNames.AppRoleUrl) is not null,
            PlatformAdminUrlSet = Value(SettingNames.PlatformAdminUrl) is not null,
            AdminApiKeySet = Value(SettingNames.AdminApiKey) is not null,
            Workers = workers,
            SwitchErrors = errors,
        };
    }
}
