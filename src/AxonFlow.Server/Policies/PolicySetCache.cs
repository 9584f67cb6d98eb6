using System.Collections.Concurrent;
using AxonFlow.Core.Identity;
using AxonFlow.Core.Policies;
using AxonFlow.Postgres.Policies;

namespace AxonFlow.Server.Policies;

/// <summary>
/// One compiled, immutable <see cref="PolicySet"/> per org, built on first use and replaced atomically when that org's
/// policies change — on this node (the writer invalidates) or any other (LISTEN/NOTIFY). An override's expiry also
/// retires the set, so an expired override stops applying without a write.
/// </summary>
public sealed partial class PolicySetCache
{
    private readonly ConcurrentDictionary<OrgId, Lazy<Task<CachedSet>>> _sets = new();
    private readonly OrgPolicyLoader _loader;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<PolicySetCache> _logger;

    public PolicySetCache(OrgPolicyLoader loader, PolicyChangeListener listener, TimeProvider timeProvider, ILogger<PolicySetCache> logger)
    {
        ArgumentNullException.ThrowIfNull(listener);
        _loader = loader;
        _timeProvider = timeProvider;
        _logger = logger;
        listener.Changed += Invalidate;
    }

    public async Task<PolicySet> GetAsync(OrgId org, CancellationToken cancellationToken)
    {
        while (true)
        {
            var lazy = _sets.GetOrAdd(org, o => new Lazy<Task<CachedSet>>(() => CompileAsync(o)));
            CachedSet cached;
            try
            {
                cached = await lazy.Value.WaitAsync(cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // A failed load is not cached: the next request tries again.
                _sets.TryRemove(new KeyValuePair<OrgId, Lazy<Task<CachedSet>>>(org, lazy));
                throw;
            }

            if (cached.ValidUntil is { } until && _timeProvider.GetUtcNow() >= until)
            {
                _sets.TryRemove(new KeyValuePair<OrgId, Lazy<Task<CachedSet>>>(org, lazy));
                continue;
            }

            return cached.Set;
        }
    }

    /// <summary>Drops one org's compiled set, or every org's when <paramref name="org"/> is null.</summary>
    public void Invalidate(OrgId? org)
    {
        if (org is null)
        {
            _sets.Clear();
        }
        else
        {
            _sets.TryRemove(org.Value, out _);
        }
    }

    private async Task<CachedSet> CompileAsync(OrgId org)
    {
        var data = await _loader.LoadAsync(org, CancellationToken.None);
        var now = _timeProvider.GetUtcNow();
        var compilation = PolicySet.Compile(
            data.Static.Select(PolicyRowMapper.ToDefinition),
            data.Dynamic.Select(PolicyRowMapper.ToDefinition),
            data.Overrides.Select(PolicyRowMapper.ToOverride),
            now);
        foreach (var error in compilation.Errors)
        {
            Log.PolicySkipped(_logger, org.Value, error.PolicyId, error.Message);
        }

        var nextExpiry = data.Overrides.Where(o => o.ExpiresAt > now).Select(o => o.ExpiresAt).Min();
        return new CachedSet(compilation.PolicySet, nextExpiry);
    }

    private sealed record CachedSet(PolicySet Set, DateTimeOffset? ValidUntil);

    private static partial class Log
    {
        [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Org {OrgId}: policy {PolicyId} was skipped when compiling: {Reason}")]
        public static partial void PolicySkipped(ILogger logger, string orgId, string policyId, string reason);
    }
}
