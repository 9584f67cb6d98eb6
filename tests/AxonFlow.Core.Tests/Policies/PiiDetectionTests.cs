using AxonFlow.Core.Policies;

namespace AxonFlow.Core.Tests.Policies;

public sealed class PiiDetectionTests
{
    [Theory]
    [InlineData("SSN 123-45-6789", "123-45-6789")]
    [InlineData("ssn 123 45 6789 please", "123 45 6789")]
    [InlineData("ssn:123456789", "123456789")]
    public void EvaluateInput_ValidSsnShapes_AreHits(string prompt, string expected)
    {
        var hit = Assert.Single(Build.Scan(prompt).HitsOf("sys_pii_ssn"));

        Assert.Equal(expected, prompt.Substring(hit.Start, hit.Length));
    }

    [Theory]
    [InlineData("SSN 000-12-3456")]
    [InlineData("SSN 666-12-3456")]
    [InlineData("SSN 900-12-3456")]
    [InlineData("SSN 999-12-3456")]
    [InlineData("SSN 123-00-4567")]
    [InlineData("SSN 123-45-0000")]
    [InlineData("SSN 123-45 6789")]
    [InlineData("order 1123-45-6789")]
    public void EvaluateInput_InvalidSsn_IsNotAHit(string prompt) => Assert.Empty(Build.Scan(prompt).HitsOf("sys_pii_ssn"));

    [Theory]
    [InlineData("card 4111 1111 1111 1111")]
    [InlineData("card 4111111111111111")]
    [InlineData("mastercard 5500-0055-5555-5559")]
    [InlineData("amex 3782 822463 10005")]
    [InlineData("amex 378282246310005")]
    [InlineData("discover 6011111111111117")]
    [InlineData("mc 2-series 2223003122003222")]
    public void EvaluateInput_LuhnValidCards_AreHits(string prompt) => Assert.Single(Build.Scan(prompt).HitsOf("sys_pii_credit_card"));

    [Theory]
    [InlineData("card 4111 1111 1111 1112")]
    [InlineData("order 1234567812345670")]
    [InlineData("card 4111-1111 1111-1111")]
    [InlineData("tracking 41111111111111111111111")]
    public void EvaluateInput_NotACard_IsNotAHit(string prompt) => Assert.Empty(Build.Scan(prompt).HitsOf("sys_pii_credit_card"));

    [Theory]
    [InlineData("wire to GB82 WEST 1234 5698 7654 32 today", "GB82 WEST 1234 5698 7654 32")]
    [InlineData("IBAN GB82WEST12345698765432.", "GB82WEST12345698765432")]
    [InlineData("DE89 3704 0044 0532 0130 00 THEN STOP", "DE89 3704 0044 0532 0130 00")]
    public void EvaluateInput_ValidIban_IsBlockedHit(string prompt, string expected)
    {
        var result = Build.Scan(prompt);

        var hit = Assert.Single(result.HitsOf("sys_pii_iban"));
        Assert.Equal(expected, prompt.Substring(hit.Start, hit.Length));
        Assert.Equal(PolicyDecision.Blocked, result.Decision);
    }

    [Theory]
    [InlineData("wire to GB82 WEST 1234 5698 7654 33")]
    [InlineData("wire to GB28 WEST 1234 5698 7654 32")]
    [InlineData("wire to gb82 west 1234 5698 7654 32")]
    public void EvaluateInput_MutatedIban_IsNotAHit(string prompt) => Assert.Empty(Build.Scan(prompt).HitsOf("sys_pii_iban"));

    [Theory]
    [InlineData("aadhaar 2345 6789 0124", true)]
    [InlineData("aadhaar 234567890124", true)]
    [InlineData("aadhaar 4991-8765-4323", true)]
    [InlineData("aadhaar 2345 6789 0125", false)]
    [InlineData("aadhaar 1345 6789 0124", false)]
    public void EvaluateInput_Aadhaar_UsesVerhoeff(string prompt, bool expected) =>
        Assert.Equal(expected, Build.Scan(prompt).HitsOf("sys_pii_aadhaar").Count == 1);

    [Theory]
    [InlineData("PAN ABCPE1234F", true)]
    [InlineData("firm PAN AAACF1234Z", true)]
    [InlineData("PAN ABCXE1234F", false)]
    [InlineData("pan abcpe1234f", false)]
    public void EvaluateInput_IndiaPan_ChecksHolderType(string prompt, bool expected) =>
        Assert.Equal(expected, Build.Scan(prompt).HitsOf("sys_pii_pan").Count == 1);

    [Theory]
    [InlineData("pay me at ramesh.kumar@okhdfcbank", true)]
    [InlineData("UPI: 9876543210@ybl.", true)]
    [InlineData("mail john.doe@example.com", false)]
    [InlineData("mail ramesh@gmail", false)]
    [InlineData("mail a.b@sub.example.co.in", false)]
    [InlineData("mail abc+def@okaxis", false)]
    [InlineData("pay .ab@okaxis", false)]
    public void EvaluateInput_Upi_IsNeverAnEmailAddress(string prompt, bool expected) =>
        Assert.Equal(expected, Build.Scan(prompt).HitsOf("sys_pii_upi").Count == 1);

    [Theory]
    [InlineData("passport number: K1234567", "K1234567")]
    [InlineData("DOB: 04/12/1985, thanks", "04/12/1985")]
    public void EvaluateInput_ContextPattern_ReportsOnlyTheValue(string prompt, string expected)
    {
        var hit = Assert.Single(Build.Scan(prompt).Hits);

        Assert.Equal(expected, prompt.Substring(hit.Start, hit.Length));
    }

    [Theory]
    [InlineData("passport number: K1234567", true)]
    [InlineData("My Passport is AB123456", true)]
    [InlineData("part number K1234567", false)]
    public void EvaluateInput_Passport_NeedsContext(string prompt, bool expected) =>
        Assert.Equal(expected, Build.Scan(prompt).HitsOf("sys_pii_passport").Count == 1);

    [Theory]
    [InlineData("routing and account 011000015 123456789012", true)]
    [InlineData("routing and account 011000016 123456789012", false)]
    public void EvaluateInput_UsBankAccount_ChecksRoutingNumber(string prompt, bool expected) =>
        Assert.Equal(expected, Build.Scan(prompt).HitsOf("sys_pii_bank_account").Count == 1);

    [Theory]
    [InlineData("call 555-123-4567", "sys_pii_phone")]
    [InlineData("call (555) 123-4567", "sys_pii_phone")]
    [InlineData("call +44 20 7946 0958", "sys_pii_phone")]
    [InlineData("server at 192.168.10.254", "sys_pii_ip_address")]
    [InlineData("DOB: 04/12/1985", "sys_pii_dob")]
    [InlineData("she was born 1985-04-12", "sys_pii_dob")]
    public void EvaluateInput_ContactData_IsLoggedNotBlocked(string prompt, string policyId)
    {
        var result = Build.Scan(prompt);

        var hit = Assert.Single(result.HitsOf(policyId));
        Assert.Equal(PolicyAction.Log, hit.Action);
        Assert.Equal(PolicyDecision.Allowed, result.Decision);
    }

    [Theory]
    [InlineData("version 1.2.3.4.5")]
    [InlineData("address 300.1.1.1")]
    [InlineData("the meeting is on 04/12/2025")]
    public void EvaluateInput_LookAlikes_AreNotContactData(string prompt) => Assert.Empty(Build.Scan(prompt).Hits);

    [Fact]
    public void EvaluateInput_SeveralOccurrences_ReportsEachWithPosition()
    {
        const string prompt = "SSNs: 123-45-6789 and 234-56-7890, card 4111111111111111, again 123-45-6789";

        var result = Build.Scan(prompt);

        var ssns = result.HitsOf("sys_pii_ssn");
        Assert.Equal(["123-45-6789", "234-56-7890", "123-45-6789"], ssns.Select(h => prompt.Substring(h.Start, h.Length)));
        Assert.Equal([6, 22, prompt.LastIndexOf("123", StringComparison.Ordinal)], ssns.Select(h => h.Start));
        Assert.Single(result.HitsOf("sys_pii_credit_card"));
        Assert.Equal(result.Hits.OrderBy(h => h.Start).Select(h => h.Start), result.Hits.Select(h => h.Start));
        Assert.Contains("sys_pii_ssn", result.BlockReason, StringComparison.Ordinal);
        Assert.Contains("sys_pii_credit_card", result.BlockReason, StringComparison.Ordinal);
    }
}
