using System.Collections.Concurrent;

namespace AxonFlow.Server.Clients;

/// <summary>
/// Which clients this process has already told something, so each hint is given once per client and process. Memory is
/// bounded: once <see cref="Capacity"/> keys are remembered, new clients get no further notice (a flood of made-up client
/// ids then costs neither memory nor log lines).
/// </summary>
internal sealed class ClientNoticeMemory
{
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);
    private int _full;

    /// <summary>True the first time <paramref name="key"/> is seen; false afterwards, and for every key once full.</summary>
    public bool FirstTime(string key)
    {
        if (_seen.Count >= Capacity)
        {
            return false;
        }

        return _seen.TryAdd(key, 0);
    }

    /// <summary>True exactly once, when the memory first turns out to be full.</summary>
    public bool ReportFull() => _seen.Count >= Capacity && Interlocked.Exchange(ref _full, 1) == 0;

    public int Count => _seen.Count;
}
