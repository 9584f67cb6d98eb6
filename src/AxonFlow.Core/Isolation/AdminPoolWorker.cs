namespace AxonFlow.Core.Isolation;

/// <summary>The cross-org workers that need the BYPASSRLS platform-admin pool; each has its refuse-to-boot guard prefix (seed 000).</summary>
public enum AdminPoolWorker
{
    Marketplace,
    NodeMonitor,
    CommunitySaasSweep,
    CommunitySaasRecovery,
    CommunitySaasDelete,
    CustomerPortal,
    EmailDelivery,
}

public static class AdminPoolWorkerNames
{
    public static string GuardPrefix(this AdminPoolWorker worker) => worker switch
    {
        AdminPoolWorker.Marketplace => "[Marketplace]",
        AdminPoolWorker.NodeMonitor => "[NodeMonitor]",
        AdminPoolWorker.CommunitySaasSweep => "[CSAAS-SWEEP]",
        AdminPoolWorker.CommunitySaasRecovery => "[CSAAS-RECOVERY]",
        AdminPoolWorker.CommunitySaasDelete => "[CSAAS-DELETE]",
        AdminPoolWorker.CustomerPortal => "[customer-portal]",
        AdminPoolWorker.EmailDelivery => "[EMAIL-OUTBOX]",
        _ => throw new ArgumentOutOfRangeException(nameof(worker), worker, null),
    };
}
