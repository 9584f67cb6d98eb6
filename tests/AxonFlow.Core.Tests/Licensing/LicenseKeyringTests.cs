using AxonFlow.Core.Licensing;
using static AxonFlow.Core.Tests.Licensing.Licenses;

namespace AxonFlow.Core.Tests.Licensing;

public sealed class LicenseKeyringTests
{
    private static readonly string KeyBase64 = Convert.ToBase64String(Key.PublicKey);

    private static readonly string OtherBase64 = Convert.ToBase64String(OtherKey.PublicKey);

    [Fact]
    public void TryParse_KidEqualsBase64Entries_MapsEachKid()
    {
        Assert.True(LicenseKeyring.TryParse($"test-2026={KeyBase64}, other-2026={OtherBase64}", out var keyring, out _));

        Assert.Equal(["other-2026", "test-2026"], keyring.KeyIds.Order(StringComparer.Ordinal));
        Assert.IsType<LicenseVerification.Verified>(new LicenseVerifier(keyring).Verify(Issue(Deployment())));
    }

    [Fact]
    public void TryParse_BareKey_GetsItsDerivedKid()
    {
        Assert.True(LicenseKeyring.TryParse(KeyBase64, out var keyring, out _));

        Assert.Equal(LicenseKeyIds.Derive(Key.PublicKey), Assert.Single(keyring.KeyIds));
        Assert.StartsWith("axk-", keyring.KeyIds.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Base64UrlKey_IsAccepted()
    {
        Assert.True(LicenseKeyring.TryParse("k1=" + Base64UrlStrict.Encode(Key.PublicKey), out var keyring, out _));

        Assert.True(keyring.TryGet("k1", out _));
    }

    [Theory]
    [InlineData("", "lists no key")]
    [InlineData("k1=AAAA", "entry 1 (k1) is not the base64 encoding of a 32-byte Ed25519 public key")]
    [InlineData("k1=not-base64!!", "entry 1 (k1) is not")]
    [InlineData("bad/kid!={0}", "entry 1 has an invalid kid")]
    [InlineData("k1={0},k1={1}", "kid 'k1' is listed twice")]
    public void TryParse_BadSpec_NamesTheEntryWithoutEchoingKeys(string spec, string expected)
    {
        Assert.False(LicenseKeyring.TryParse(string.Format(System.Globalization.CultureInfo.InvariantCulture, spec, KeyBase64, OtherBase64), out _, out var error));

        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyBase64, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_TooManyKeys_IsRefused()
    {
        var spec = string.Join(',', Enumerable.Range(0, LicenseKeyring.MaxKeys + 1).Select(i => $"k{i}={KeyBase64}"));

        Assert.False(LicenseKeyring.TryParse(spec, out _, out var error));
        Assert.Contains("at most 16", error, StringComparison.Ordinal);
    }

    [Fact]
    public void SigningKey_SeedRoundTrip_KeepsTheKeyPair()
    {
        var seed = Key.ExportSeed();

        Assert.True(LicenseSigningKey.TryFromSeed(seed, Key.Kid, out var restored));
        using (restored)
        {
            Assert.Equal(Key.PublicKey, restored.PublicKey);
            Assert.IsType<LicenseVerification.Verified>(Verify(Issue(Deployment(), restored)));
        }
    }

    [Theory]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void SigningKey_WrongSeedLength_IsRefused(int length)
    {
        Assert.False(LicenseSigningKey.TryFromSeed(new byte[length], null, out _));
    }
}
