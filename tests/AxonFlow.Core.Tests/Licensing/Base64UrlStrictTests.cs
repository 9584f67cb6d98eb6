using AxonFlow.Core.Licensing;

namespace AxonFlow.Core.Tests.Licensing;

public sealed class Base64UrlStrictTests
{
    [Fact]
    public void TryDecode_RoundTripsEveryLength()
    {
        var random = new Random(4242);
        for (var length = 0; length < 200; length++)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);

            var text = Base64UrlStrict.Encode(bytes);

            Assert.True(Base64UrlStrict.TryDecode(text, out var decoded));
            Assert.Equal(bytes, decoded);
            Assert.DoesNotContain('=', text);
        }
    }

    [Theory]
    [InlineData("A")]
    [InlineData("AAAAA")]
    [InlineData("AB")]
    [InlineData("AAB")]
    [InlineData("QQ==")]
    [InlineData("QQ=")]
    [InlineData("Q Q")]
    [InlineData("+/8")]
    [InlineData("Zm9v\n")]
    [InlineData("Zm9v.")]
    public void TryDecode_NonCanonicalOrForeignText_IsRefused(string text)
    {
        Assert.False(Base64UrlStrict.TryDecode(text, out _));
    }

    [Theory]
    [InlineData("QQ", new byte[] { 0x41 })]
    [InlineData("QUI", new byte[] { 0x41, 0x42 })]
    [InlineData("-_8", new byte[] { 0xFB, 0xFF })]
    [InlineData("", new byte[0])]
    public void TryDecode_CanonicalText_Decodes(string text, byte[] expected)
    {
        Assert.True(Base64UrlStrict.TryDecode(text, out var decoded));
        Assert.Equal(expected, decoded);
    }
}
