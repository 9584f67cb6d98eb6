using AxonFlow.Core.Policies;

namespace AxonFlow.Core.Tests.Policies;

public sealed class PatternToolTests
{
    [Theory]
    [InlineData("(?i)project\\s+falcon")]
    [InlineData("\\bFALCON-\\d{3,}\\b")]
    [InlineData("(a+)+$")]
    public void Validate_SafePattern_ReturnsNull(string pattern) => Assert.Null(OrgPatternValidator.Validate(pattern));

    [Theory]
    [InlineData("(a)\\1")]
    [InlineData("(?<=a)b")]
    [InlineData("(?(a)b|c)")]
    [InlineData("[z-a]")]
    [InlineData("x|")]
    public void Validate_UnsafeOrInvalidPattern_ReturnsReason(string pattern) => Assert.NotNull(OrgPatternValidator.Validate(pattern));

    [Fact]
    public void Validate_OverlongPattern_ReturnsReason() =>
        Assert.Contains("1000", OrgPatternValidator.Validate(new string('x', 1001)), StringComparison.Ordinal);

    [Fact]
    public void Test_ReportsMatchesPerInput()
    {
        var result = PatternTester.Test("FALCON-\\d+", ["FALCON-1 and FALCON-22", "nothing"]);

        Assert.True(result.IsValid);
        Assert.Equal(["FALCON-1", "FALCON-22"], result.Cases[0].Matches);
        Assert.True(result.Cases[0].Matched);
        Assert.False(result.Cases[1].Matched);
        Assert.Empty(result.Cases[1].Matches);
    }

    [Fact]
    public void Test_InvalidPattern_ReturnsError()
    {
        var result = PatternTester.Test("(a)\\1", ["aa"]);

        Assert.False(result.IsValid);
        Assert.NotNull(result.Error);
        Assert.Empty(result.Cases);
    }
}
