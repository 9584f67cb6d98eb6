namespace AxonFlow.Server.Portal.Sessions;

/// <summary>
/// CSRF defence in depth for cookie-authenticated writes. SameSite=Strict already keeps the cookie off cross-site
/// requests, and JSON bodies need a CORS preflight; on top, a state-changing request a browser marks as cross-site
/// (<c>Sec-Fetch-Site: cross-site</c>), or whose <c>Origin</c> names another host, is refused.
/// </summary>
internal static class CrossSiteRequests
{
    public static bool IsRefused(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return false;
        }

        if (request.Headers["Sec-Fetch-Site"].ToString() is { Length: > 0 } site)
        {
            return string.Equals(site, "cross-site", StringComparison.OrdinalIgnoreCase);
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return false;
        }

        return !Uri.TryCreate(origin, UriKind.Absolute, out var originUri)
            || !string.Equals(originUri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
