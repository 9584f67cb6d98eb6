using AxonFlow.Core.Policies;

namespace AxonFlow.Core.Tests.Policies;

/// <summary>The acceptance cases of the governance issue, against the system policy set alone.</summary>
public sealed class AcceptanceTests
{
    [Theory]
    [InlineData("Look up customer with SSN 123-45-6789")]
    [InlineData("My SSN is 123-45-6789")]
    public void EvaluateInput_PromptWithSsn_BlocksNamingSsn(string prompt)
    {
        var result = Build.Scan(prompt);

        Assert.Equal(PolicyDecision.Blocked, result.Decision);
        var hit = Assert.Single(result.HitsOf("sys_pii_ssn"));
        Assert.Equal("123-45-6789", prompt.Substring(hit.Start, hit.Length));
        Assert.Contains("PII detected: US SSN (Social Security Number) (sys_pii_ssn)", result.BlockReason, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateInput_LuhnValidCard_Blocks()
    {
        var result = Build.Scan("Process payment for card 4111-1111-1111-1111");

        Assert.Equal(PolicyDecision.Blocked, result.Decision);
        Assert.Single(result.HitsOf("sys_pii_credit_card"));
        Assert.Contains("sys_pii_credit_card", result.BlockReason, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateInput_LuhnInvalidCard_IsNotACard()
    {
        var result = Build.Scan("Process payment for card 4111-1111-1111-1112");

        Assert.Empty(result.HitsOf("sys_pii_credit_card"));
        Assert.Equal(PolicyDecision.Allowed, result.Decision);
    }

    [Theory]
    [InlineData("SELECT * FROM users UNION SELECT * FROM passwords", "sys_sqli_union")]
    [InlineData("SELECT * FROM users; DROP TABLE users;--", "sys_sqli_stacked")]
    public void EvaluateInput_SqlInjection_BlocksAsSqlInjection(string prompt, string policyId)
    {
        var result = Build.Scan(prompt);

        Assert.Equal(PolicyDecision.Blocked, result.Decision);
        Assert.NotEmpty(result.HitsOf(policyId));
        Assert.StartsWith("SQL injection detected", result.BlockReason, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateInput_BenignQuestion_AllowsWithNoHits()
    {
        var result = Build.Scan("What is the weather today?");

        Assert.Equal(PolicyDecision.Allowed, result.Decision);
        Assert.Empty(result.Hits);
        Assert.Null(result.BlockReason);
        Assert.Null(result.RedactedText);
        Assert.Equal(0, result.RiskScore);
    }

    [Fact]
    public void EvaluateInput_EmailAddress_AllowsWithLogHitAndNoUpi()
    {
        var result = Build.Scan("Send invoice to john.doe@example.com");

        Assert.Equal(PolicyDecision.Allowed, result.Decision);
        var hit = Assert.Single(result.Hits);
        Assert.Equal("sys_pii_email", hit.PolicyId);
        Assert.Equal(PolicyAction.Log, hit.Action);
        Assert.Equal("john.doe@example.com", "Send invoice to john.doe@example.com".Substring(hit.Start, hit.Length));
    }
}
