using System.Collections.Concurrent;
using AxonFlow.Core.Identity;

namespace AxonFlow.Postgres.Credentials;

/// <summary>
/// Client ids that had no credential when last looked up, remembered for a few seconds so unregistered labels and guesses
/// cost no database call. Found credentials are never remembered, so revocation needs no eviction; issuing does, on every
/// node: <see cref="CredentialChangeListener"/> forgets an id as soon as any node issues a credential for it.
/// </summary>
public sealed class UnregisteredClientCache
{
    private const int MaxRemembered = 50_000;

    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);

    public bool IsRemembered(ClientId client, DateTimeOffset now) => _until.TryGetValue(client.Value, out var until) && until > now;

    public void Remember(ClientId client, DateTimeOffset now)
    {
        if (_until.Count >= MaxRemembered)
        {
            _until.Clear();
        }

        _until[client.Value] = now + Ttl;
    }

    public void Forget(ClientId client) => _until.TryRemove(client.Value, out _);

    /// <summary>After a lost notification connection nothing heard in the meantime can be trusted.</summary>
    public void ForgetAll() => _until.Clear();
}
