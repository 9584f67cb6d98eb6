namespace AxonFlow.Server.Networking;

/// <summary>
/// The caller's address for per-IP limits: the connection's peer, or — behind proxies named in
/// <c>AXONFLOW_TRUSTED_PROXIES</c> — the nearest untrusted hop the forwarded-headers step resolved (the trusted last hop),
/// never a value the caller chose.
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }
}
