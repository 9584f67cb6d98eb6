using System.Security.Cryptography;
using AxonFlow.Core.Nodes;

namespace AxonFlow.Server.Nodes;

/// <summary>
/// This process as a node: its id, host name, and the random secret that proves to the database it owns its row. The
/// secret never leaves the process (the row keeps its SHA-256) and is never logged.
/// </summary>
public sealed class ThisNode
{
    private volatile bool _registered;

    public ThisNode(string hostName)
    {
        ArgumentNullException.ThrowIfNull(hostName);
        Hostname = NodeId.SafeHost(hostName);
        Id = NodeId.NewForHost(hostName);
    }

    public NodeId Id { get; }

    public string Hostname { get; }

    /// <summary>True once the node row exists; false before registration succeeded or after the row was lost.</summary>
    public bool IsRegistered => _registered;

    internal byte[] Secret { get; } = RandomNumberGenerator.GetBytes(32);

    internal void MarkRegistered() => _registered = true;

    internal void MarkUnregistered() => _registered = false;

    public override string ToString() => Id.Value;
}
