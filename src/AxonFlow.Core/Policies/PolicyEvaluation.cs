namespace AxonFlow.Core.Policies;

/// <summary>
/// The outcome of one scan. <see cref="Hits"/> lists every match of every policy in text order. <see cref="BlockReason"/> is set
/// only when <see cref="Decision"/> is <see cref="PolicyDecision.Blocked"/>. <see cref="RedactedText"/> is the scanned text with
/// every redact-action span masked, or null when nothing was masked (it is computed even when blocked, so the audit trail can
/// store the masked prompt). <see cref="RiskScore"/> is in [0, 1].
/// </summary>
public sealed record PolicyEvaluation(
    PolicyDecision Decision,
    IReadOnlyList<PolicyHit> Hits,
    string? BlockReason,
    string? RedactedText,
    double RiskScore)
{
    internal static PolicyEvaluation Clean { get; } = new(PolicyDecision.Allowed, [], null, null, 0);

    public bool IsBlocked => Decision == PolicyDecision.Blocked;

    /// <summary>The distinct policy ids that hit, in first-hit order (the wire's <c>policies[]</c>).</summary>
    public IReadOnlyList<string> PolicyIds => Hits.Select(static hit => hit.PolicyId).Distinct(StringComparer.Ordinal).ToArray();
}
