namespace AxonFlow.Server.Providers.Routing;

/// <summary>
/// A consecutive-failure breaker for one provider: after <c>failureThreshold</c> failures in a row it opens and the router
/// routes around the provider; once <c>breakDuration</c> has passed one request at a time is let through as a probe
/// (half-open); a success closes it, a failure opens it again. Time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class CircuitBreaker(int failureThreshold, TimeSpan breakDuration, TimeProvider timeProvider)
{
    private readonly Lock _gate = new();
    private CircuitState _state = CircuitState.Closed;
    private int _consecutiveFailures;
    private long _openedAt;
    private bool _probeInFlight;

    /// <summary>The state as an operator should read it: an open circuit whose break has elapsed is reported half-open.</summary>
    public CircuitState State
    {
        get
        {
            lock (_gate)
            {
                return _state == CircuitState.Open && BreakElapsed() ? CircuitState.HalfOpen : _state;
            }
        }
    }

    public int ConsecutiveFailures
    {
        get
        {
            lock (_gate)
            {
                return _consecutiveFailures;
            }
        }
    }

    /// <summary>Whether a request could be let through now, without claiming the half-open probe.</summary>
    public bool IsAvailable
    {
        get
        {
            lock (_gate)
            {
                return _state switch
                {
                    CircuitState.Closed => true,
                    CircuitState.Open => BreakElapsed(),
                    _ => !_probeInFlight,
                };
            }
        }
    }

    /// <summary>Claims permission to call the provider; <paramref name="probing"/> is set when this call is the half-open probe.</summary>
    public bool TryAcquire(out bool probing)
    {
        lock (_gate)
        {
            probing = false;
            if (_state == CircuitState.Closed)
            {
                return true;
            }

            if ((_state == CircuitState.Open && !BreakElapsed()) || (_state == CircuitState.HalfOpen && _probeInFlight))
            {
                return false;
            }

            _state = CircuitState.HalfOpen;
            _probeInFlight = true;
            probing = true;
            return true;
        }
    }

    /// <summary>Records an answer; returns true when this closed a circuit that was not closed.</summary>
    public bool RecordSuccess()
    {
        lock (_gate)
        {
            var wasClosed = _state == CircuitState.Closed;
            _state = CircuitState.Closed;
            _consecutiveFailures = 0;
            _probeInFlight = false;
            return !wasClosed;
        }
    }

    /// <summary>Records a provider fault; returns true when this opened the circuit.</summary>
    public bool RecordFailure()
    {
        lock (_gate)
        {
            _consecutiveFailures++;
            switch (_state)
            {
                case CircuitState.HalfOpen:
                case CircuitState.Closed when _consecutiveFailures >= failureThreshold:
                    _state = CircuitState.Open;
                    _openedAt = timeProvider.GetTimestamp();
                    _probeInFlight = false;
                    return true;
                default:
                    return false;
            }
        }
    }

    /// <summary>The call ended without a verdict on the provider (the caller went away): give the probe slot back.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _probeInFlight = false;
        }
    }

    private bool BreakElapsed() => timeProvider.GetElapsedTime(_openedAt) >= breakDuration;
}
