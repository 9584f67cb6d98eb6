using System.Text.RegularExpressions;
using AxonFlow.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AxonFlow.IntegrationTests.Portal;

/// <summary>Every route the running server maps under a prefix, with sample values for its parameters.</summary>
internal static partial class PortalRoutes
{
    public static IReadOnlyList<(HttpMethod Method, string Path)> Under(AxonFlowTestServer server, string prefix)
    {
        var routes = new List<(HttpMethod, string)>();
        foreach (var endpoint in server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (!pattern.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var path = Parameter().Replace(pattern, m => m.Groups[1].Value.Contains(":guid", StringComparison.Ordinal) ? Guid.NewGuid().ToString() : "sample");
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                routes.Add((new HttpMethod(method), path.TrimEnd('/')));
            }
        }

        return routes;
    }

    [GeneratedRegex("{([^}]+)}")]
    private static partial Regex Parameter();
}
