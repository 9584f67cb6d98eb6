using AxonFlow.Core.Isolation;
using AxonFlow.Postgres.Connections;
using AxonFlow.Postgres.Email;
using AxonFlow.Server.Configuration;

namespace AxonFlow.Server.Email;

internal static class EmailExtensions
{
    /// <summary>
    /// The outbox delivery worker and its transport. It works across orgs, so it runs on the platform-admin pool (the
    /// <c>[EMAIL-OUTBOX]</c> guard has refused boot without one when a transport is configured), or on the request pool in
    /// the legacy posture, where that pool bypasses RLS anyway. With neither transport nor admin pool it says so at start.
    /// </summary>
    public static IServiceCollection AddEmailDelivery(this IServiceCollection services, AxonFlowSettings settings)
    {
        var email = settings.Email;
        services.AddSingleton<EmailDeliverySignal>();
        if (email.Transport == EmailTransportKind.Smtp)
        {
            services.AddSingleton<IEmailTransport>(sp => new SmtpEmailTransport(email.Smtp!, email.From!, sp.GetRequiredService<TimeProvider>()));
        }
        else if (email.Transport == EmailTransportKind.Resend)
        {
            services.AddSingleton<IEmailTransport>(_ => new ResendEmailTransport(email.Resend!, email.From!));
        }

        services.AddSingleton(sp =>
        {
            var sources = sp.GetRequiredService<AxonFlowDataSources>();
            var pool = sources.PlatformAdmin ?? (settings.UseAppRole ? null : sources.App);
            if (pool is null && email.Transport != EmailTransportKind.Log)
            {
                pool = sources.RequirePlatformAdmin(AdminPoolWorker.EmailDelivery.GuardPrefix());
            }

            return new EmailDeliveryWorker(
                pool is null ? null : new EmailOutboxDelivery(pool),
                sp.GetService<IEmailTransport>(),
                email,
                sp.GetRequiredService<EmailDeliverySignal>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<EmailDeliveryWorker>>());
        });
        services.AddHostedService(sp => sp.GetRequiredService<EmailDeliveryWorker>());
        services.AddSingleton(sp =>
        {
            var sources = sp.GetRequiredService<AxonFlowDataSources>();
            var signal = sp.GetRequiredService<EmailDeliverySignal>();
            return new EmailOutboxListener(
                sources.PlatformAdmin ?? sources.App,
                sp.GetRequiredService<TimeProvider>(),
                signal.Wake,
                sp.GetRequiredService<ILogger<EmailOutboxListener>>());
        });
        services.AddHostedService(sp => sp.GetRequiredService<EmailOutboxListener>());
        return services;
    }
}
