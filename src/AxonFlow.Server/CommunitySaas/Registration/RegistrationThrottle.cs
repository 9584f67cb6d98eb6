using AxonFlow.Server.Configuration;
using AxonFlow.Server.RateLimiting;

namespace AxonFlow.Server.CommunitySaas.Registration;

/// <summary>
/// Registrations per client address per hour (<c>COMMUNITY_SAAS_REGISTER_PER_IP_PER_HOUR</c>), keyed by
/// <see cref="Networking.ClientAddress.Of"/> — the trusted last hop, never a header the caller chose. Per node.
/// </summary>
internal sealed class RegistrationThrottle(AxonFlowSettings settings, TimeProvider timeProvider)
{
    private readonly FixedWindowLimiter _limiter = new(settings.CommunitySaas.RegistrationsPerIpPerHour, TimeSpan.FromHours(1), timeProvider);

    public WindowDecision TryAcquire(string clientAddress) => _limiter.TryAcquire(clientAddress);
}
