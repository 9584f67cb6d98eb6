using System.Diagnostics;
using AxonFlow.Core.Policies;

namespace AxonFlow.Core.Tests.Policies;

public sealed class OrgPolicyTests
{
    [Fact]
    public void EvaluateInput_OrgStaticBlock_BlocksNamingThePolicy()
    {
        var set = Build.WithStatic(Build.OrgStatic("org_codename", "(?i)project\\s+falcon"));

        var result = set.EvaluateInput(PolicyInput.ForQuery("Tell me about PROJECT FALCON."));

        Assert.True(result.IsBlocked);
        Assert.Equal("Sensitive data detected: Org rule org_codename (org_codename)", result.BlockReason);
        Assert.Equal(SystemPolicies.All.Count + 1, set.Count);
    }

    [Fact]
    public void EvaluateInput_RequireApproval_BlocksWithApprovalReason()
    {
        var set = Build.WithStatic(Build.OrgStatic("org_wire", "wire transfer", PolicyAction.RequireApproval));

        var result = set.EvaluateInput(PolicyInput.ForQuery("start a wire transfer"));

        Assert.Equal(PolicyDecision.Blocked, result.Decision);
        Assert.Equal("requires approval: Org rule org_wire (org_wire)", result.BlockReason);
    }

    [Fact]
    public void EvaluateInput_OrgRedact_MasksEveryOccurrence()
    {
        var set = Build.WithStatic(Build.OrgStatic("org_code", "FALCON-\\d+", PolicyAction.Redact));

        var result = set.EvaluateInput(PolicyInput.ForQuery("FALCON-1 and FALCON-22"));

        Assert.Equal(PolicyDecision.Redacted, result.Decision);
        Assert.Equal("[REDACTED:org_code] and [REDACTED:org_code]", result.RedactedText);
        Assert.Equal(2, result.Hits.Count);
    }

    [Fact]
    public void EvaluateInput_OverlappingRedactions_CollapseIntoOneMask()
    {
        var set = Build.WithStatic(
            Build.OrgStatic("org_a", "alpha beta", PolicyAction.Redact),
            Build.OrgStatic("org_b", "beta gamma", PolicyAction.Redact));

        var result = set.EvaluateInput(PolicyInput.ForQuery("x alpha beta gamma y"));

        Assert.Equal("x [REDACTED:org_a] y", result.RedactedText);
        Assert.Equal(2, result.Hits.Count);
    }

    [Fact]
    public void EvaluateInput_BlockAndRedact_BlockWinsAndTextStillMasked()
    {
        var set = Build.WithStatic(Build.OrgStatic("org_code", "FALCON", PolicyAction.Redact));

        var result = set.EvaluateInput(PolicyInput.ForQuery("FALCON for SSN 123-45-6789"));

        Assert.Equal(PolicyDecision.Blocked, result.Decision);
        Assert.Equal("[REDACTED:org_code] for SSN 123-45-6789", result.RedactedText);
    }

    [Theory]
    [InlineData("(a)\\1", "linear-time")]
    [InlineData("(?=x)y", "linear-time")]
    [InlineData("(?>a+)b", "linear-time")]
    [InlineData("([a-z", "not a valid regular expression")]
    [InlineData("a*", "empty string")]
    [InlineData("", "empty")]
    public void Compile_BadOrgRegex_IsReportedAndSkipped(string pattern, string expectedMessage)
    {
        var compilation = Build.Compile([Build.OrgStatic("org_bad", pattern), Build.OrgStatic("org_good", "falcon")]);

        var error = Assert.Single(compilation.Errors);
        Assert.Equal("org_bad", error.PolicyId);
        Assert.Contains(expectedMessage, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(compilation.PolicySet.EffectiveStaticPolicies, p => p.PolicyId == "org_bad");
        Assert.Contains(compilation.PolicySet.EffectiveStaticPolicies, p => p.PolicyId == "org_good");
    }

    [Fact]
    public void Compile_OverlongOrgRegex_IsRejected()
    {
        var compilation = Build.Compile([Build.OrgStatic("org_long", new string('a', 1001))]);

        Assert.Contains("at most 1000", Assert.Single(compilation.Errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sys_pii_ssn")]
    [InlineData("org_dup")]
    public void Compile_ReservedOrDuplicateId_IsReported(string id)
    {
        var compilation = Build.Compile([Build.OrgStatic("org_dup", "a"), Build.OrgStatic(id, "b")]);

        Assert.Equal(id, Assert.Single(compilation.Errors).PolicyId);
    }

    [Fact]
    public void EvaluateInput_CatastrophicOrgRegex_FinishesFast()
    {
        var set = Build.WithStatic(Build.OrgStatic("org_redos", "(a+)+$"), Build.OrgStatic("org_redos2", "(x+x+)+y"));
        var input = PolicyInput.ForQuery(new string('a', 50_000) + "!" + new string('x', 20_000));
        set.EvaluateInput(PolicyInput.ForQuery("warm up aaa"));

        var watch = Stopwatch.StartNew();
        var result = set.EvaluateInput(input);
        watch.Stop();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
        Assert.Empty(result.HitsOf("org_redos2"));
    }

    [Fact]
    public void EvaluateInput_TwoOrgs_DoNotAffectEachOther()
    {
        var orgA = Build.Compile([Build.OrgStatic("org_a_rule", "falcon")], overrides: [Build.Override("sys_pii_email", action: PolicyAction.Block)]).PolicySet;
        var orgB = Build.Compile().PolicySet;
        var input = PolicyInput.ForQuery("falcon mail john@example.com");

        var a = orgA.EvaluateInput(input);
        var b = orgB.EvaluateInput(input);

        Assert.True(a.IsBlocked);
        Assert.NotEmpty(a.HitsOf("org_a_rule"));
        Assert.False(b.IsBlocked);
        Assert.Empty(b.HitsOf("org_a_rule"));
        Assert.DoesNotContain(orgB.EffectiveStaticPolicies, p => p.PolicyId == "org_a_rule");
        Assert.Equal(PolicyAction.Log, orgB.EffectiveStaticPolicies.Single(p => p.PolicyId == "sys_pii_email").Action);
    }

    [Fact]
    public void EvaluateInput_DisabledOrgPolicy_DoesNotRun()
    {
        var set = Build.WithStatic(Build.OrgStatic("org_off", "falcon", enabled: false));

        Assert.Empty(set.EvaluateInput(PolicyInput.ForQuery("falcon")).Hits);
        Assert.False(set.EffectiveStaticPolicies.Single(p => p.PolicyId == "org_off").Enabled);
    }

    [Fact]
    public async Task EvaluateInput_ConcurrentCallers_GetConsistentResults()
    {
        var set = Build.WithStatic(Build.OrgStatic("org_codename", "falcon"));
        var prompts = new[] { "My SSN is 123-45-6789", "falcon", "What is the weather today?" };

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(
            () => set.EvaluateInput(PolicyInput.ForQuery(prompts[i % 3])).Decision,
            TestContext.Current.CancellationToken)));

        Assert.All(results.Select((d, i) => (d, i)), x => Assert.Equal(x.i % 3 == 2 ? PolicyDecision.Allowed : PolicyDecision.Blocked, x.d));
    }
}
