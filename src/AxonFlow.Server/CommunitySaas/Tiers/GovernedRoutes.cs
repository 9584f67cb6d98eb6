namespace AxonFlow.Server.CommunitySaas.Tiers;

/// <summary>
/// The governed Community SaaS routes: tier resolution, the daily quota and telemetry apply to them. Matched by path,
/// so a route added later under one of these prefixes is covered without touching this list. The gateway pre-check is
/// included (it is the gateway-mode policy check, one per LLM call); its audit half (<c>/api/audit/llm-call</c>) is not,
/// so a gateway-mode call counts once.
/// </summary>
internal static class GovernedRoutes
{
    private static readonly PathString[] Exact = ["/api/v1/process", "/api/request", "/api/policy/pre-check"];

    private static readonly PathString[] Prefixes = ["/api/v1/audit", "/api/v1/mcp", "/api/v1/connectors"];

    public static bool Covers(PathString path)
    {
        foreach (var exact in Exact)
        {
            if (path.Equals(exact, StringComparison.OrdinalIgnoreCase) || path.Equals(exact.Add("/"), StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        foreach (var prefix in Prefixes)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
