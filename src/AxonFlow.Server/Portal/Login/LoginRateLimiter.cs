using System.Threading.RateLimiting;

namespace AxonFlow.Server.Portal.Login;

/// <summary>
/// Login throttling, in process: a fixed window per client address (per minute) and per account email (per 15 minutes).
/// Both are checked before any password work, so a refused attempt costs nothing. Counts live in this node's memory:
/// behind a load balancer each node counts on its own (docs/portal.md).
/// </summary>
internal sealed class LoginRateLimiter : IDisposable
{
    public static readonly TimeSpan AccountWindow = TimeSpan.FromMinutes(15);

    private readonly PartitionedRateLimiter<string> _perAddress;
    private readonly PartitionedRateLimiter<string> _perAccount;

    public LoginRateLimiter(Configuration.AxonFlowSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _perAddress = Create(settings.Portal.LoginAttemptsPerIpPerMinute, TimeSpan.FromMinutes(1));
        _perAccount = Create(settings.Portal.LoginAttemptsPerAccount, AccountWindow);
    }

    /// <summary>Null when the attempt may go ahead; otherwise how long to wait.</summary>
    public TimeSpan? TryAcquire(string address, string accountKey)
    {
        using (var lease = _perAddress.AttemptAcquire(address))
        {
            if (!lease.IsAcquired)
            {
                return RetryAfter(lease, TimeSpan.FromMinutes(1));
            }
        }

        using var account = _perAccount.AttemptAcquire(accountKey);
        return account.IsAcquired ? null : RetryAfter(account, AccountWindow);
    }

    public void Dispose()
    {
        _perAddress.Dispose();
        _perAccount.Dispose();
    }

    private static PartitionedRateLimiter<string> Create(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    private static TimeSpan RetryAfter(RateLimitLease lease, TimeSpan fallback) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : fallback;
}
