using AxonFlow.Core.Policies;

namespace AxonFlow.Core.Tests.Policies;

public sealed class OverrideTests
{
    private const string Email = "Send invoice to john.doe@example.com";

    [Fact]
    public void Compile_ActionOverride_ChangesEffectiveAction()
    {
        var set = Build.WithOverrides(Build.Override("sys_pii_email", action: PolicyAction.Block));

        var result = set.EvaluateInput(PolicyInput.ForQuery(Email));

        Assert.Equal(PolicyDecision.Blocked, result.Decision);
        Assert.Equal(PolicyAction.Block, Assert.Single(result.Hits).Action);
        Assert.Equal(PolicyAction.Block, set.EffectiveStaticPolicies.Single(p => p.PolicyId == "sys_pii_email").Action);
    }

    [Fact]
    public void Compile_RedactOverride_MasksTheSpan()
    {
        var set = Build.WithOverrides(Build.Override("sys_pii_email", action: PolicyAction.Redact));

        var result = set.EvaluateInput(PolicyInput.ForQuery(Email));

        Assert.Equal(PolicyDecision.Redacted, result.Decision);
        Assert.Equal("Send invoice to [REDACTED:email]", result.RedactedText);
    }

    [Fact]
    public void Compile_DisableOverride_RemovesPolicyFromEvaluation()
    {
        var set = Build.WithOverrides(Build.Override("sys_sqli_union", enabled: false));

        var result = set.EvaluateInput(PolicyInput.ForQuery("SELECT a FROM t UNION SELECT b FROM u"));

        Assert.Empty(result.HitsOf("sys_sqli_union"));
        Assert.False(set.EffectiveStaticPolicies.Single(p => p.PolicyId == "sys_sqli_union").Enabled);
        Assert.Equal(Build.SystemOnly.Count - 1, set.Count);
    }

    [Fact]
    public void Compile_ExpiredOverride_IsIgnored()
    {
        var compilation = Build.Compile(overrides: [Build.Override("sys_pii_email", action: PolicyAction.Block, expiresAt: Build.Now.AddSeconds(-1))]);

        var result = compilation.PolicySet.EvaluateInput(PolicyInput.ForQuery(Email));

        Assert.Equal(PolicyDecision.Allowed, result.Decision);
        Assert.Contains(compilation.IgnoredOverrides, e => e.PolicyId == "sys_pii_email" && e.Message.Contains("expired", StringComparison.Ordinal));
    }

    [Fact]
    public void Compile_UnexpiredOverride_Applies()
    {
        var set = Build.WithOverrides(Build.Override("sys_pii_email", action: PolicyAction.Block, expiresAt: Build.Now.AddMinutes(1)));

        Assert.True(set.EvaluateInput(PolicyInput.ForQuery(Email)).IsBlocked);
    }

    [Theory]
    [InlineData("sys_pii_ssn", "My SSN is 123-45-6789")]
    [InlineData("sys_pii_credit_card", "card 4111111111111111")]
    [InlineData("sys_sqli_stacked", "x; DROP TABLE users")]
    [InlineData("sys_sqli_auth_bypass", "admin' OR '1'='1' --")]
    [InlineData("sys_sqli_time_blind", "1 AND SLEEP(5)")]
    public void Compile_OverrideOnCriticalSystemPolicy_IsIgnored(string policyId, string prompt)
    {
        var compilation = Build.Compile(overrides:
        [
            Build.Override(policyId, enabled: false),
            Build.Override(policyId, action: PolicyAction.Log),
        ]);

        var result = compilation.PolicySet.EvaluateInput(PolicyInput.ForQuery(prompt));

        Assert.NotEmpty(result.HitsOf(policyId));
        Assert.True(result.IsBlocked);
        Assert.Equal(2, compilation.IgnoredOverrides.Count(e => e.PolicyId == policyId));
    }

    [Fact]
    public void Compile_OverrideOnUnknownPolicy_IsReportedAndIgnored()
    {
        var compilation = Build.Compile(overrides: [Build.Override("no_such_policy", enabled: false)]);

        Assert.Single(compilation.IgnoredOverrides);
        Assert.Equal(Build.SystemOnly.Count, compilation.PolicySet.Count);
    }

    [Fact]
    public void Compile_OverrideOnOrgPolicy_Applies()
    {
        var set = Build.Compile(
            [Build.OrgStatic("org_codename", "Project Falcon")],
            overrides: [Build.Override("org_codename", action: PolicyAction.Warn)]).PolicySet;

        var result = set.EvaluateInput(PolicyInput.ForQuery("status of Project Falcon?"));

        Assert.Equal(PolicyAction.Warn, Assert.Single(result.Hits).Action);
        Assert.Equal(PolicyDecision.Allowed, result.Decision);
    }

    [Theory]
    [InlineData("sys_pii_ssn", false)]
    [InlineData("sys_pii_passport", false)]
    [InlineData("sys_pii_pan", false)]
    [InlineData("sys_pii_aadhaar", false)]
    [InlineData("sys_pii_iban", false)]
    [InlineData("sys_pii_bank_account", false)]
    [InlineData("sys_pii_credit_card", false)]
    [InlineData("sys_sqli_auth_bypass", false)]
    [InlineData("sys_sqli_time_blind", false)]
    [InlineData("sys_sqli_stacked", false)]
    [InlineData("sys_pii_email", true)]
    [InlineData("sys_sqli_union", true)]
    [InlineData("sys_secret_aws_key", true)]
    [InlineData("org_anything", true)]
    public void IsOverridable_FollowsCriticalList(string policyId, bool expected) =>
        Assert.Equal(expected, SystemPolicies.IsOverridable(policyId));
}
