namespace AxonFlow.Server.CommunitySaas.Tiers;

public static class HttpContextCommunitySaasTierExtensions
{
    /// <summary>The resolved tier of a governed Community SaaS request; null on other routes and in other modes.</summary>
    public static CommunitySaasRequestTier? GetCommunitySaasTier(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<CommunitySaasRequestTier>();
    }
}
