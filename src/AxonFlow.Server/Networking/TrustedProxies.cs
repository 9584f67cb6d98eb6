using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace AxonFlow.Server.Networking;

/// <summary>
/// The proxies (load balancers) whose <c>X-Forwarded-For</c> the agent believes, from <c>AXONFLOW_TRUSTED_PROXIES</c>
/// (comma-separated addresses or CIDRs). Empty — the default — means no header is believed and the socket peer is the
/// client. ASP.NET Core's own default would trust loopback, which lets any local caller pick its own rate-limit key.
/// </summary>
public sealed record TrustedProxies(IReadOnlyList<IPNetwork> Networks)
{
    public static TrustedProxies None { get; } = new([]);

    public static TrustedProxies Read(Func<string, string?> value, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(errors);
        var raw = value(Configuration.SettingNames.TrustedProxies);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return None;
        }

        var networks = new List<IPNetwork>();
        foreach (var entry in raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
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
                errors.Add($"{Configuration.SettingNames.TrustedProxies} must list IP addresses or CIDRs separated by commas, but '{entry}' is neither.");
            }
        }

        return new TrustedProxies(networks);
    }

    /// <summary>Resolves the client address from <c>X-Forwarded-For</c>, walking right to left through trusted hops only.</summary>
    public void Apply(IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (Networks.Count == 0)
        {
            return;
        }

        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = null };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var network in Networks)
        {
            options.KnownIPNetworks.Add(network);
        }

        app.UseForwardedHeaders(options);
    }
}
