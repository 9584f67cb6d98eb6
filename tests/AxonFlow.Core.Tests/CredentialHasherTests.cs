using System.Text;
using AxonFlow.Core.Credentials;

namespace AxonFlow.Core.Tests;

public sealed class CredentialHasherTests
{
    private static CredentialHasher CreateSut(string key = "0123456789abcdef0123456789abcdef") => new(Encoding.UTF8.GetBytes(key));

    [Fact]
    public void Matches_SameSecret_IsTrue()
    {
        var hasher = CreateSut();
        var hash = hasher.Hash("axf_secret");

        Assert.True(hasher.Matches("axf_secret", hash));
    }

    [Fact]
    public void Matches_DifferentSecret_IsFalse()
    {
        var hasher = CreateSut();

        Assert.False(hasher.Matches("axf_other", hasher.Hash("axf_secret")));
    }

    [Fact]
    public void Hash_IsKeyed_DifferentKeysGiveDifferentHashes()
    {
        var first = CreateSut().Hash("axf_secret");
        var second = CreateSut("fedcba9876543210fedcba9876543210").Hash("axf_secret");

        Assert.NotEqual(first, second);
        Assert.False(CreateSut("fedcba9876543210fedcba9876543210").Matches("axf_secret", first));
    }

    [Fact]
    public void Hash_DoesNotContainTheSecret()
    {
        var hash = CreateSut().Hash("axf_secret");

        Assert.Equal(32, hash.Length);
        Assert.DoesNotContain("axf_secret", Encoding.UTF8.GetString(hash), StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ShortKey_Throws() => Assert.Throws<ArgumentException>(() => CreateSut("too-short"));

    [Fact]
    public void NewClientSecret_IsHighEntropyAndUnique()
    {
        var secrets = Enumerable.Range(0, 200).Select(_ => SecretGenerator.NewClientSecret()).ToHashSet();

        Assert.Equal(200, secrets.Count);
        Assert.All(secrets, s => Assert.Equal(47, s.Length));
        Assert.All(secrets, s => Assert.StartsWith("axf_", s, StringComparison.Ordinal));
    }
}
