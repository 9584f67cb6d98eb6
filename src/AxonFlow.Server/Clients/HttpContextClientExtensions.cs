using AxonFlow.Core.Clients;

namespace AxonFlow.Server.Clients;

public static class HttpContextClientExtensions
{
    /// <summary>
    /// The caller's client software and scope. Set by the middleware on authenticated routes; elsewhere read from the
    /// header on demand (without hints or telemetry).
    /// </summary>
    public static ClientIdentification GetClientIdentification(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<ClientIdentification>() ?? ClientHeaderParser.Parse(context.Request.Headers[ClientHeaders.Client].ToString());
    }
}
