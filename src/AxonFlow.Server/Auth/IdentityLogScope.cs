using System.Collections;

namespace AxonFlow.Server.Auth;

/// <summary>
/// The log scope of an authenticated request: structured providers read the pairs, the console prints
/// <c>org_id=… client_id=… request_id=…</c> instead of a type name.
/// </summary>
internal sealed class IdentityLogScope(string orgId, string clientId, string requestId) : IReadOnlyList<KeyValuePair<string, object>>
{
    private readonly KeyValuePair<string, object>[] _pairs =
    [
        new("org_id", orgId),
        new("client_id", clientId),
        new("request_id", requestId),
    ];

    public int Count => _pairs.Length;

    public KeyValuePair<string, object> this[int index] => _pairs[index];

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object>>)_pairs).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"org_id={orgId} client_id={clientId} request_id={requestId}";
}
