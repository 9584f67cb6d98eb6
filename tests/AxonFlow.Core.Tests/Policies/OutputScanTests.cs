using AxonFlow.Core.Policies;

namespace AxonFlow.Core.Tests.Policies;

public sealed class OutputScanTests
{
    private static readonly PolicyInput Request = PolicyInput.ForQuery("who is the customer?");

    [Fact]
    public void EvaluateOutput_PiiAndSecrets_AreRedactedNotBlocked()
    {
        const string answer = "Customer SSN 123-45-6789, card 4111 1111 1111 1111, key AKIAIOSFODNN7EXAMPLE.";

        var result = Build.SystemOnly.EvaluateOutput(answer, Request);

        Assert.Equal(PolicyDecision.Redacted, result.Decision);
        Assert.Equal("Customer SSN [REDACTED:ssn], card [REDACTED:credit_card], key [REDACTED:aws_key].", result.RedactedText);
        Assert.All(result.Hits, h => Assert.Equal(PolicyAction.Redact, h.Action));
        Assert.Null(result.BlockReason);
    }

    [Fact]
    public void EvaluateOutput_SqlInAnswer_IsNotInjection()
    {
        var result = Build.SystemOnly.EvaluateOutput("Use: SELECT * FROM users; DROP TABLE users;", Request);

        Assert.Empty(result.Hits);
        Assert.Equal(PolicyDecision.Allowed, result.Decision);
    }

    [Fact]
    public void EvaluateOutput_LogLevelPii_IsRecordedNotMasked()
    {
        var result = Build.SystemOnly.EvaluateOutput("Mail john@example.com", Request);

        Assert.Equal(PolicyDecision.Allowed, result.Decision);
        Assert.Null(result.RedactedText);
        Assert.Equal("sys_pii_email", Assert.Single(result.Hits).PolicyId);
    }

    [Fact]
    public void EvaluateOutput_CleanAnswer_IsAllowed()
    {
        var result = Build.SystemOnly.EvaluateOutput(new PolicyOutput("The weather is sunny.", Request));

        Assert.Same(Build.SystemOnly.EvaluateOutput("Nothing here.", Request).Hits, result.Hits);
        Assert.Equal(PolicyDecision.Allowed, result.Decision);
    }
}
