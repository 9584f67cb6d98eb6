using System.Security.Cryptography;

namespace AxonFlow.Core.Nodes;

/// <summary>
/// One <c>serve</c> process: its host name (lower case, at most 63 characters of letters, digits, <c>.</c> and <c>-</c>)
/// and 12 random hex digits, so two processes on one host, or a restart, never share an id.
/// </summary>
public readonly record struct NodeId
{
    public const int MaxHostLength = 63;

    private NodeId(string value) => Value = value;

    public string Value { get; }

    public static NodeId NewForHost(string hostName)
    {
        ArgumentNullException.ThrowIfNull(hostName);
        return new NodeId($"{SafeHost(hostName)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}");
    }

    public static NodeId Load(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        return new NodeId(value);
    }

    /// <summary>The host name as the node row records it.</summary>
    public static string SafeHost(string hostName)
    {
        ArgumentNullException.ThrowIfNull(hostName);
        var cleaned = new string([.. hostName.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-').Take(MaxHostLength)]).Trim('-', '.');
        return cleaned.Length == 0 ? "node" : cleaned;
    }

    public override string ToString() => Value;
}
