using AxonFlow.Core.Credentials;

namespace AxonFlow.Core.Tests.Portal;

public sealed class SecretProtectorTests
{
    private static readonly SecretProtector Protector = new("an-example-master-key-of-at-least-32-bytes"u8);

    [Fact]
    public void Protect_ThenUnprotect_WithTheSameOwner_RoundTrips()
    {
        var blob = Protector.Protect("oidc-client-secret", "org-a");

        Assert.Equal("oidc-client-secret", Protector.Unprotect(blob, "org-a"));
        Assert.DoesNotContain("oidc-client-secret", System.Text.Encoding.UTF8.GetString(blob), StringComparison.Ordinal);
    }

    [Fact]
    public void Unprotect_ForAnotherOwnerUnderAnotherKeyOrTampered_IsNull()
    {
        var blob = Protector.Protect("oidc-client-secret", "org-a");
        var tampered = (byte[])blob.Clone();
        tampered[^1] ^= 1;

        Assert.Null(Protector.Unprotect(blob, "org-b"));
        Assert.Null(new SecretProtector("a-different-master-key-of-32-bytes-or-more"u8).Unprotect(blob, "org-a"));
        Assert.Null(Protector.Unprotect(tampered, "org-a"));
        Assert.Null(Protector.Unprotect(blob.AsSpan(0, 10), "org-a"));
    }

    [Fact]
    public void Protect_SameSecretTwice_GivesDifferentCiphertexts()
    {
        Assert.NotEqual(Protector.Protect("s", "o"), Protector.Protect("s", "o"));
    }
}
