using AxonFlow.Core.Identity;

namespace AxonFlow.Server.Licensing;

/// <summary>One start-up line saying what the deployment runs under (never the token), and a warning while in grace.</summary>
internal sealed partial class LicenseStartupLog(
    DeploymentLicenseContext license,
    PluginTokenKeys pluginKeys,
    TimeProvider timeProvider,
    ILogger<LicenseStartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var expiresAt = Format(license.ExpiresAt);
        var graceEndsAt = Format(license.GraceEndsAt);
        if (!license.IsLicensed)
        {
            Log.Community(logger);
        }
        else if (license.IsInGraceAt(timeProvider.GetUtcNow()))
        {
            Log.InGrace(logger, license.Tier, license.Org, expiresAt, graceEndsAt);
        }
        else
        {
            Log.Licensed(logger, license.Tier, license.Org, expiresAt, license.MaxNodes);
        }

        if (pluginKeys.Posture != PluginKeyPosture.None)
        {
            Log.PluginKeys(logger, pluginKeys.Posture, pluginKeys.Keyring.KeyIds);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string Format(DateTimeOffset? value) => value is { } v ? Core.Licensing.LicenseDates.Format(v) : "-";

    private static partial class Log
    {
        [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "No deployment license: community tier")]
        public static partial void Community(ILogger logger);

        [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Deployment license: tier {Tier}, organization {Org}, expires {ExpiresAt}, max nodes {MaxNodes}")]
        public static partial void Licensed(ILogger logger, string tier, OrgId? org, string expiresAt, int? maxNodes);

        [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Deployment license (tier {Tier}, organization {Org}) expired at {ExpiresAt}; it is in its grace period, and a restart after {GraceEndsAt} will be refused. Install a renewed AXONFLOW_LICENSE_KEY")]
        public static partial void InGrace(ILogger logger, string tier, OrgId? org, string expiresAt, string graceEndsAt);

        [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "Plugin license tokens: {Posture} posture, key ids {Kids}")]
        public static partial void PluginKeys(ILogger logger, PluginKeyPosture posture, IReadOnlyCollection<string> kids);
    }
}
