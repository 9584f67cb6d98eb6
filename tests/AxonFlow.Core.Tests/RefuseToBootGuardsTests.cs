using AxonFlow.Core.Isolation;

namespace AxonFlow.Core.Tests;

public sealed class RefuseToBootGuardsTests
{
    // The FATAL line of seed 000, word for word after the bracketed prefix.
    private const string SeedFatalLine =
        "FATAL: AXONFLOW_DB_PLATFORM_ADMIN_URL is required when AXONFLOW_DB_USE_APP_ROLE=true (silent fallback to a non-BYPASSRLS pool would defeat FORCE RLS — cross-org metering/sweep/recovery/monitoring would silently return 0 rows or undercount). Set AXONFLOW_DB_PLATFORM_ADMIN_URL to a DSN authenticating as axonflow_platform_admin, or set AXONFLOW_DB_USE_APP_ROLE=false to opt out of the v8.0.0 default and run under the legacy v8.x posture.";

    public static TheoryData<AdminPoolWorker, string> Workers => new()
    {
        { AdminPoolWorker.Marketplace, "[Marketplace]" },
        { AdminPoolWorker.NodeMonitor, "[NodeMonitor]" },
        { AdminPoolWorker.CommunitySaasSweep, "[CSAAS-SWEEP]" },
        { AdminPoolWorker.CommunitySaasRecovery, "[CSAAS-RECOVERY]" },
        { AdminPoolWorker.CommunitySaasDelete, "[CSAAS-DELETE]" },
        { AdminPoolWorker.CustomerPortal, "[customer-portal]" },
        { AdminPoolWorker.EmailDelivery, "[EMAIL-OUTBOX]" },
    };

    [Theory]
    [MemberData(nameof(Workers))]
    public void Evaluate_WorkerWithoutAdminUrl_FiresWithPrefixAndExactWording(AdminPoolWorker worker, string prefix)
    {
        var failures = RefuseToBootGuards.Evaluate([worker], useAppRole: true, platformAdminUrlConfigured: false, adminApiKeyConfigured: true);

        Assert.Equal([$"{prefix} {SeedFatalLine}"], failures);
    }

    [Theory]
    [MemberData(nameof(Workers))]
    public void Evaluate_WorkerWithAdminUrl_DoesNotFire(AdminPoolWorker worker, string prefix)
    {
        var failures = RefuseToBootGuards.Evaluate([worker], useAppRole: true, platformAdminUrlConfigured: true, adminApiKeyConfigured: true);

        Assert.Empty(failures);
        Assert.NotEmpty(prefix);
    }

    [Theory]
    [MemberData(nameof(Workers))]
    public void Evaluate_LegacyPosture_IsANoOp(AdminPoolWorker worker, string prefix)
    {
        var failures = RefuseToBootGuards.Evaluate([worker], useAppRole: false, platformAdminUrlConfigured: false, adminApiKeyConfigured: false);

        Assert.Empty(failures);
        Assert.NotEmpty(prefix);
    }

    [Fact]
    public void Evaluate_EveryEnabledWorker_GetsItsOwnLine()
    {
        var failures = RefuseToBootGuards.Evaluate(Enum.GetValues<AdminPoolWorker>(), useAppRole: true, platformAdminUrlConfigured: false, adminApiKeyConfigured: true);

        Assert.Equal(7, failures.Count);
        Assert.All(failures, line => Assert.EndsWith(SeedFatalLine, line, StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_NoWorkers_DoesNotFire() =>
        Assert.Empty(RefuseToBootGuards.Evaluate([], useAppRole: true, platformAdminUrlConfigured: false, adminApiKeyConfigured: false));

    [Fact]
    public void Evaluate_CustomerPortalWithoutAdminKey_RequiresAdminApiKey()
    {
        var failures = RefuseToBootGuards.Evaluate([AdminPoolWorker.CustomerPortal], useAppRole: true, platformAdminUrlConfigured: true, adminApiKeyConfigured: false);

        var line = Assert.Single(failures);
        Assert.StartsWith("[customer-portal] FATAL: ADMIN_API_KEY is required", line, StringComparison.Ordinal);
    }
}
