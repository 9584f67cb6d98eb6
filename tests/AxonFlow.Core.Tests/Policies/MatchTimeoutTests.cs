using System.Text.RegularExpressions;
using AxonFlow.Core.Policies;
using AxonFlow.Core.Policies.Matching;

namespace AxonFlow.Core.Tests.Policies;

/// <summary>An org pattern whose scan times out must fail closed: unproven is treated as matched, never as clean.</summary>
public sealed class MatchTimeoutTests
{
    // One tick: the linear engine checks the clock while it scans, so a long text always times out.
    private static readonly Regex TimesOut = new("[a-z]+[0-9]", RegexOptions.NonBacktracking, TimeSpan.FromTicks(1));

    private static readonly string LongText = new('z', 2_000_000);

    [Theory]
    [InlineData(PolicyAction.Block)]
    [InlineData(PolicyAction.Redact)]
    public void TimedOutScan_ReportsTheWholeTextAsAHitWithThePolicysAction(PolicyAction action)
    {
        var policy = new CompiledStaticPolicy(
            new StaticPolicyDefinition("org_timeout", "Timeout probe", "custom", "[a-z]+[0-9]", PolicySeverity.High, action, true, PolicyTier.Organization, 100, string.Empty),
            [],
            "custom",
            gate: null);
        var matcher = new PatternMatcher(TimesOut);
        var hits = default(HitCollector);

        matcher.Scan(LongText, TextProfile.Of(LongText), policy, action, ref hits);

        var hit = Assert.Single(hits.Hits);
        Assert.Equal(("org_timeout", action, 0, LongText.Length), (hit.PolicyId, hit.Action, hit.Start, hit.Length));
    }

    [Fact]
    public void NoTimeout_SameScanFindsNothing()
    {
        var policy = new CompiledStaticPolicy(
            new StaticPolicyDefinition("org_timeout", "Timeout probe", "custom", "[a-z]+[0-9]", PolicySeverity.High, PolicyAction.Block, true, PolicyTier.Organization, 100, string.Empty),
            [],
            "custom",
            gate: null);
        var matcher = new PatternMatcher(new Regex("[a-z]+[0-9]", RegexOptions.NonBacktracking));
        var hits = default(HitCollector);

        matcher.Scan(LongText, TextProfile.Of(LongText), policy, PolicyAction.Block, ref hits);

        Assert.Equal(0, hits.Count);
    }
}
