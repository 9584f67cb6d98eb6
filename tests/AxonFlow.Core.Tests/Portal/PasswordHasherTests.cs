using AxonFlow.Core.Credentials;

namespace AxonFlow.Core.Tests.Portal;

public sealed class PasswordHasherTests
{
    private static readonly PasswordHasher Hasher = new(new Argon2Cost(64, 1));

    [Fact]
    public void Hash_IsAPhcStringWithTheCostAndARandomSalt()
    {
        var first = Hasher.Hash("correct horse battery staple");
        var second = Hasher.Hash("correct horse battery staple");

        Assert.StartsWith("$argon2id$v=19$m=64,t=1,p=1$", first, StringComparison.Ordinal);
        Assert.Equal(6, first.Split('$').Length);
        Assert.NotEqual(first, second);
        Assert.DoesNotContain("correct horse", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_RightPassword_Matches_WrongPassword_DoesNot()
    {
        var hash = Hasher.Hash("correct horse battery staple");

        Assert.Equal(new PasswordVerification(true, false), Hasher.Verify("correct horse battery staple", hash));
        Assert.Equal(new PasswordVerification(false, false), Hasher.Verify("correct horse battery stapler", hash));
    }

    [Fact]
    public void Verify_HashMadeAtALowerCost_MatchesAndAsksForARehash()
    {
        var old = new PasswordHasher(new Argon2Cost(32, 1)).Hash("correct horse battery staple");

        Assert.Equal(new PasswordVerification(true, true), Hasher.Verify("correct horse battery staple", old));
        Assert.Equal(new PasswordVerification(false, false), Hasher.Verify("wrong", old));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("$2b$12$bcrypt.is.not.argon")]
    [InlineData("$argon2id$v=19$m=64,t=1,p=4$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$argon2id$v=19$m=64,t=1,p=1$!!!$aGFzaGhhc2hoYXNoaGFzaA")]
    public void Verify_MissingOrUnreadableHash_NeverMatches(string? stored)
    {
        Assert.False(Hasher.Verify("anything at all", stored).Matches);
    }

    [Fact]
    public void Verify_TamperedHash_DoesNotMatch()
    {
        var hash = Hasher.Hash("correct horse battery staple");
        var tampered = hash[..^2] + (hash[^2] == 'A' ? "B" : "A") + hash[^1];

        Assert.False(Hasher.Verify("correct horse battery staple", tampered).Matches);
    }

    [Fact]
    public void Constructor_RefusesACostLibsodiumCannotRun()
    {
        Assert.Throws<ArgumentException>(() => new PasswordHasher(new Argon2Cost(4, 1)));
        Assert.Throws<ArgumentException>(() => new PasswordHasher(new Argon2Cost(64, 0)));
    }
}
