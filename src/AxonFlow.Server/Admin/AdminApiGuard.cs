using AxonFlow.Core.Identity;
using AxonFlow.Server.Configuration;

namespace AxonFlow.Server.Admin;

/// <summary>The admin API's refuse-to-boot rule: a SaaS deployment in production must have its admin key (seed 002).</summary>
public static class AdminApiGuard
{
    public const string AdminApiKeyRequiredMessage =
        "[admin-api] FATAL: ADMIN_API_KEY is required when DEPLOYMENT_MODE is saas or community-saas and DEPLOYMENT_KIND=production " +
        "(the admin API manages every organization and its credentials). Set ADMIN_API_KEY to at least 16 random characters.";

    /// <summary>The FATAL line, or null when boot may proceed.</summary>
    public static string? Evaluate(AxonFlowSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var saas = settings.Mode is DeploymentMode.Saas or DeploymentMode.CommunitySaas;
        return saas && settings.Kind == DeploymentKind.Production && settings.AdminApiKey is null ? AdminApiKeyRequiredMessage : null;
    }
}
