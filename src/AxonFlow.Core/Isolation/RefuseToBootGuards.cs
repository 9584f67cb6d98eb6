namespace AxonFlow.Core.Isolation;

/// <summary>
/// Under FORCE RLS a cross-org worker on the request-traffic pool silently sees zero rows, so boot is refused instead (seed 000).
/// </summary>
public static class RefuseToBootGuards
{
    public const string AdminUrlRequiredMessage =
        "FATAL: AXONFLOW_DB_PLATFORM_ADMIN_URL is required when AXONFLOW_DB_USE_APP_ROLE=true (silent fallback to a non-BYPASSRLS pool " +
        "would defeat FORCE RLS — cross-org metering/sweep/recovery/monitoring would silently return 0 rows or undercount). " +
        "Set AXONFLOW_DB_PLATFORM_ADMIN_URL to a DSN authenticating as axonflow_platform_admin, or set AXONFLOW_DB_USE_APP_ROLE=false " +
        "to opt out of the v8.0.0 default and run under the legacy v8.x posture.";

    public const string AdminApiKeyRequiredMessage =
        "FATAL: ADMIN_API_KEY is required when the customer-portal admin handlers are in scope (they run cross-org work on the " +
        "platform-admin pool and must not be reachable without the admin key). Set ADMIN_API_KEY, or disable ENABLE_CUSTOMER_PORTAL.";

    /// <summary>Returns one FATAL line per enabled worker that cannot run safely; empty when boot may proceed.</summary>
    public static IReadOnlyList<string> Evaluate(
        IReadOnlyCollection<AdminPoolWorker> enabledWorkers,
        bool useAppRole,
        bool platformAdminUrlConfigured,
        bool adminApiKeyConfigured)
    {
        ArgumentNullException.ThrowIfNull(enabledWorkers);
        if (!useAppRole)
        {
            return [];
        }

        var failures = new List<string>();
        foreach (var worker in Enum.GetValues<AdminPoolWorker>())
        {
            if (!enabledWorkers.Contains(worker))
            {
                continue;
            }

            if (!platformAdminUrlConfigured)
            {
                failures.Add($"{worker.GuardPrefix()} {AdminUrlRequiredMessage}");
            }
            else if (worker == AdminPoolWorker.CustomerPortal && !adminApiKeyConfigured)
            {
                failures.Add($"{worker.GuardPrefix()} {AdminApiKeyRequiredMessage}");
            }
        }

        return failures;
    }
}
