using AxonFlow.Core.Isolation;
using AxonFlow.Server.Configuration;

namespace AxonFlow.Server.Hosting;

/// <summary>Applies the refuse-to-boot guards of seed 000 to the configured workers.</summary>
public static class BootGuards
{
    public static IReadOnlyList<string> Evaluate(AxonFlowSettings settings, bool platformAdminConfigured)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var failures = RefuseToBootGuards.Evaluate(settings.EnabledWorkers, settings.UseAppRole, platformAdminConfigured, settings.AdminApiKey is not null);
        return Admin.AdminApiGuard.Evaluate(settings) is { } adminApi ? [.. failures, adminApi] : failures;
    }

    public static void ThrowIfRefused(AxonFlowSettings settings, bool platformAdminConfigured)
    {
        var failures = Evaluate(settings, platformAdminConfigured);
        if (failures.Count > 0)
        {
            throw new BootRefusedException(failures);
        }
    }
}

/// <summary>A guard refused boot; <see cref="FatalLines"/> are printed as they are.</summary>
public sealed class BootRefusedException(IReadOnlyList<string> fatalLines) : Exception(string.Join(Environment.NewLine, fatalLines))
{
    public IReadOnlyList<string> FatalLines { get; } = fatalLines;
}
