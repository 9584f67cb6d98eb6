using System.Net;
using IPNetwork = System.Net.IPNetwork;

namespace AxonFlow.Server.Billing;

/// <summary>Addresses and CIDRs a caller must come from; an IPv4-mapped IPv6 peer is compared as IPv4.</summary>
public sealed record IpAllowList(IReadOnlyList<IPNetwork> Networks)
{
    /// <summary>Parses comma-separated addresses or CIDRs; the first entry that is neither is returned in <paramref name="bad"/>.</summary>
    public static IpAllowList? TryParse(string text, out string? bad)
    {
        ArgumentNullException.ThrowIfNull(text);
        bad = null;
        var networks = new List<IPNetwork>();
        foreach (var entry in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                networks.Add(new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                bad = entry;
                return null;
            }
        }

        return networks.Count == 0 ? null : new IpAllowList(networks);
    }

    /// <summary>Whether <paramref name="address"/> (as <see cref="Networking.ClientAddress.Of"/> prints it) is inside one of the networks.</summary>
    public bool Allows(string address) =>
        IPAddress.TryParse(address, out var parsed)
        && (parsed.IsIPv4MappedToIPv6 ? parsed.MapToIPv4() : parsed) is var ip
        && Networks.Any(n => n.Contains(ip));
}
