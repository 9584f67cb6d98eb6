using AxonFlow.Server.Configuration;
using AxonFlow.Server.RateLimiting;

namespace AxonFlow.Server.CommunitySaas;

/// <summary>
/// The per-credential per-minute limit of Community SaaS (<c>COMMUNITY_SAAS_MINUTE_LIMIT</c>), counted per presented
/// tenant id BEFORE the credential lookup and any hash work, so a flood costs nothing. Every presented id is counted the
/// same way whether it is registered or not, so the limit cannot be used to tell registered ids from unregistered ones.
/// Counts live in this node's memory (bounded by <see cref="FixedWindowLimiter"/>).
/// </summary>
public sealed class CredentialMinuteLimit(AxonFlowSettings settings, TimeProvider timeProvider)
{
    private readonly FixedWindowLimiter _limiter = new(settings.CommunitySaas.RequestsPerCredentialPerMinute, TimeSpan.FromMinutes(1), timeProvider);

    public int Limit => _limiter.Limit;

    public WindowDecision TryAcquire(string clientId) => _limiter.TryAcquire(clientId);
}
