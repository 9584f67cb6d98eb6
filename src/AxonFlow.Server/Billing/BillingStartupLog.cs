using AxonFlow.Core.Identity;
using AxonFlow.Server.Configuration;

namespace AxonFlow.Server.Billing;

/// <summary>One start-up line about the webhook in Community SaaS mode, and a warning per setting that fell back to its default.</summary>
internal sealed class BillingStartupLog(AxonFlowSettings settings, ILogger<BillingStartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var billing = settings.Billing;
        foreach (var warning in billing.Warnings)
        {
            BillingLog.SettingWarning(logger, warning);
        }

        if (settings.Mode != DeploymentMode.CommunitySaas)
        {
            return Task.CompletedTask;
        }

        if (billing.WebhookSigningSecret is null)
        {
            BillingLog.NotConfigured(logger);
        }
        else
        {
            BillingLog.Ready(logger, billing.AllowList.Networks.Count, billing.RatePerMinute, billing.ProValidityDays);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
