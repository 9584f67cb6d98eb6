namespace AxonFlow.Core.Policies.Evaluation;

/// <summary>
/// Risk before dynamic policies: the weight of the most severe hit. Log-only hits count half, because logging an e-mail
/// address should not push a prompt over a risk threshold that blocks.
/// </summary>
internal static class RiskScore
{
    public static double FromHits(IReadOnlyList<PolicyHit> hits)
    {
        var risk = 0.0;
        foreach (var hit in hits)
        {
            var weight = Weight(hit.Severity);
            if (hit.Action == PolicyAction.Log)
            {
                weight /= 2;
            }

            risk = Math.Max(risk, weight);
        }

        return risk;
    }

    public static double Clamp(double risk) => Math.Clamp(risk, 0, 1);

    private static double Weight(PolicySeverity severity) => severity switch
    {
        PolicySeverity.Critical => 0.9,
        PolicySeverity.High => 0.7,
        PolicySeverity.Medium => 0.4,
        _ => 0.1,
    };
}
