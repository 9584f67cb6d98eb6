using System.Collections.Concurrent;

namespace AxonFlow.Server.RateLimiting;

/// <summary>
/// Counts events per key in fixed windows on the injected clock (this node's view; per-IP and per-address limits that
/// must hold across nodes belong in PostgreSQL). Memory is bounded: keys from past windows are dropped when the table
/// grows past <paramref name="maxTrackedKeys"/>.
/// </summary>
public sealed class FixedWindowLimiter(int limit, TimeSpan window, TimeProvider timeProvider, int maxTrackedKeys = 50_000)
{
    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);

    public int Limit => limit;

    /// <summary>How many keys the limiter currently remembers.</summary>
    public int TrackedKeys => _counters.Count;

    /// <summary>Counts one event for <paramref name="key"/>; refused (with the wait) when the window's limit is used up.</summary>
    public WindowDecision TryAcquire(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = timeProvider.GetUtcNow();
        var windowStart = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % window.Ticks), TimeSpan.Zero);
        var resetAt = windowStart + window;
        if (limit <= 0)
        {
            return new WindowDecision(true, resetAt - now);
        }

        if (_counters.Count >= maxTrackedKeys)
        {
            Sweep(windowStart);
        }

        var counter = _counters.GetOrAdd(key, _ => new Counter());
        lock (counter)
        {
            if (counter.WindowStart != windowStart)
            {
                counter.WindowStart = windowStart;
                counter.Count = 0;
            }

            if (counter.Count >= limit)
            {
                return new WindowDecision(false, resetAt - now);
            }

            counter.Count++;
            return new WindowDecision(true, resetAt - now);
        }
    }

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

/// <summary>Whether the event may go ahead, and how long until the window resets (the <c>Retry-After</c> when refused).</summary>
public readonly record struct WindowDecision(bool Allowed, TimeSpan RetryAfter)
{
    /// <summary>Whole seconds for a <c>Retry-After</c> header, at least 1.</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));
}
