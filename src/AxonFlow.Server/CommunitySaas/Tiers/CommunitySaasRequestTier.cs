using AxonFlow.Core.CommunitySaas;

namespace AxonFlow.Server.CommunitySaas.Tiers;

/// <summary>
/// What tier resolution decided for a governed Community SaaS request, set as a request feature for the handlers, the
/// audit trail and telemetry.
/// </summary>
/// <param name="Tier">Null for a caller without a resolved tier (the <c>COMMUNITY_SAAS_DAILY_LIMIT</c> fallback cap).</param>
/// <param name="DailyLimit">The cap that applied.</param>
/// <param name="Used">Events counted today, this one included; the limit when the request was refused.</param>
/// <param name="Window">The UTC day counted in and when it resets.</param>
/// <param name="Refused">True when the request was over the cap (429) and was not counted.</param>
public sealed record CommunitySaasRequestTier(CommunitySaasTier? Tier, int DailyLimit, long Used, DailyQuotaWindow Window, bool Refused)
{
    public long Remaining => Refused ? 0 : Math.Max(0, DailyLimit - Used);

    /// <summary>The tier's wire name, or <c>none</c> without a resolved tier.</summary>
    public string TierName => Tier?.ToWireName() ?? "none";
}
