using System.Text;
using AxonFlow.Core.CommunitySaas;

namespace AxonFlow.Core.Tests.CommunitySaas;

public sealed class SplitTokenTests
{
    private static readonly SplitTokenHasher Hasher = new(Encoding.UTF8.GetBytes("pepper-for-tests-0123456789abcdef"));

    [Fact]
    public void New_RoundTripsThroughItsWireForm()
    {
        var token = SplitToken.New();

        Assert.True(SplitToken.TryParse(token.Value, out var parsed));
        Assert.Equal(token.Selector, parsed.Selector);
        Assert.Equal(token.Verifier, parsed.Verifier);
        Assert.Equal(SplitToken.WireLength, token.Value.Length);
        Assert.Equal(43, token.Verifier.Length);
    }

    [Fact]
    public void New_IsRandomEachTime()
    {
        var a = SplitToken.New();
        var b = SplitToken.New();

        Assert.NotEqual(a.Selector, b.Selector);
        Assert.NotEqual(a.Verifier, b.Verifier);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc.def")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAA=.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData(" AAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void TryParse_RefusesAnythingButTheExactShape(string? value) => Assert.False(SplitToken.TryParse(value, out _));

    [Fact]
    public void Matches_OnlyTheSameKindAndToken()
    {
        var token = SplitToken.New();
        var stored = Hasher.Hash(SplitTokenKind.Recovery, token);

        Assert.True(Hasher.Matches(SplitTokenKind.Recovery, token, stored));
        Assert.False(Hasher.Matches(SplitTokenKind.TenantDelete, token, stored));
        Assert.False(Hasher.Matches(SplitTokenKind.Recovery, SplitToken.New(), stored));
    }

    [Fact]
    public void Matches_RefusesAVerifierMovedToAnotherSelector()
    {
        var token = SplitToken.New();
        var other = SplitToken.New();
        Assert.True(SplitToken.TryParse(other.Selector + "." + token.Verifier, out var moved));

        Assert.False(Hasher.Matches(SplitTokenKind.Recovery, moved, Hasher.Hash(SplitTokenKind.Recovery, token)));
    }

    [Fact]
    public void DifferentPeppers_GiveDifferentHashes()
    {
        var token = SplitToken.New();
        var other = new SplitTokenHasher(SplitTokenHasher.DerivePepper(Encoding.UTF8.GetBytes("another-key"), "recovery"));

        Assert.NotEqual(Hasher.Hash(SplitTokenKind.Recovery, token), other.Hash(SplitTokenKind.Recovery, token));
        Assert.NotEqual(SplitTokenHasher.DerivePepper("k"u8, "recovery"), SplitTokenHasher.DerivePepper("k"u8, "tenant-delete"));
    }

    [Fact]
    public void ShortPepper_IsRefused() => Assert.Throws<ArgumentException>(() => new SplitTokenHasher("short"u8));

    [Fact]
    public void ToString_NeverShowsTheVerifier()
    {
        var token = SplitToken.New();

        Assert.DoesNotContain(token.Verifier, token.ToString(), StringComparison.Ordinal);
    }
}
