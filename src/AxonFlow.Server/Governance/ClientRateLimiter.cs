using System.Collections.Concurrent;
using AxonFlow.Core.Identity;
using AxonFlow.Server.Configuration;

namespace AxonFlow.Server.Governance;

/// <summary>
/// Per-client requests per minute (fixed window, this node's view). Checked after authentication on every governed
/// surface; exceeding it is a 429 with <c>Retry-After</c>. <c>AXONFLOW_CLIENT_RATE_LIMIT_PER_MINUTE=0</c> turns it off.
/// </summary>
public sealed class ClientRateLimiter(AxonFlowSettings settings, TimeProvider timeProvider)
{
    private const int MaxTrackedClients = 10_000;

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(OrgId, ClientId), Counter> _counters = new();

    public bool Enabled => settings.ClientRateLimitPerMinute > 0;

    public RateLimitDecision Acquire(CallerIdentity identity) => Count(identity, consume: true);

    public RateLimitDecision Peek(CallerIdentity identity) => Count(identity, consume: false);

    private RateLimitDecision Count(CallerIdentity identity, bool consume)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var limit = settings.ClientRateLimitPerMinute;
        var now = timeProvider.GetUtcNow();
        var windowStart = new DateTimeOffset(now.Ticks - (now.Ticks % Window.Ticks), TimeSpan.Zero);
        var resetAt = windowStart + Window;
        if (limit <= 0)
        {
            return new RateLimitDecision(true, 0, 0, resetAt);
        }

        if (_counters.Count > MaxTrackedClients)
        {
            Sweep(windowStart);
        }

        var counter = _counters.GetOrAdd((identity.Org, identity.Client), _ => new Counter());
        lock (counter)
        {
            if (counter.WindowStart != windowStart)
            {
                counter.WindowStart = windowStart;
                counter.Count = 0;
            }

            if (consume && counter.Count < limit)
            {
                counter.Count++;
                return new RateLimitDecision(true, limit, limit - counter.Count, resetAt);
            }

            return new RateLimitDecision(!consume, limit, Math.Max(0, limit - counter.Count), resetAt);
        }
    }

    /// <summary>Forgets clients not seen in the current window, so one-off client ids cannot grow the table forever.</summary>
    private void Sweep(DateTimeOffset currentWindow)
    {
        foreach (var (key, counter) in _counters)
        {
            lock (counter)
            {
                if (counter.WindowStart < currentWindow)
                {
                    _counters.TryRemove(key, out _);
                }
            }
        }
    }

    private sealed class Counter
    {
        public DateTimeOffset WindowStart { get; set; }

        public int Count { get; set; }
    }
}

/// <summary>Whether a request may proceed, and what the caller has left in the current window.</summary>
public sealed record RateLimitDecision(bool Allowed, int Limit, int Remaining, DateTimeOffset ResetAt);
