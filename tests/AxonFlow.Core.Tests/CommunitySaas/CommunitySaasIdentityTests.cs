using AxonFlow.Core.CommunitySaas;

namespace AxonFlow.Core.Tests.CommunitySaas;

public sealed class CommunitySaasIdentityTests
{
    [Fact]
    public void NewId_IsValid_AndUnique()
    {
        var first = CommunitySaasTenantId.NewId();
        var second = CommunitySaasTenantId.NewId();

        Assert.True(CommunitySaasTenantId.IsValid(first));
        Assert.StartsWith("cs_", first, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("cs_")]
    [InlineData("cs_6F9619FF-8B86-D011-B42D-00C04FC964FF")]
    [InlineData("cs_6f9619ff8b86d011b42d00c04fc964ff")]
    [InlineData("xx_6f9619ff-8b86-d011-b42d-00c04fc964ff")]
    [InlineData("cs_6f9619ff-8b86-d011-b42d-00c04fc964ff ")]
    [InlineData("local-dev-org")]
    public void IsValid_RefusesAnythingButTheCanonicalForm(string? value) => Assert.False(CommunitySaasTenantId.IsValid(value));

    [Fact]
    public void IsValid_AcceptsTheCanonicalForm() => Assert.True(CommunitySaasTenantId.IsValid("cs_6f9619ff-8b86-d011-b42d-00c04fc964ff"));

    [Fact]
    public void Digests_AreKeyed_NormaliseEmails_AndSeparatePurposes()
    {
        var key = new byte[32];
        var digests = new CommunitySaasDigests(key);
        var otherKey = new CommunitySaasDigests(Enumerable.Repeat((byte)1, 32).ToArray());

        Assert.Equal(digests.Email("Ann@Example.com "), digests.Email("ann@example.com"));
        Assert.NotEqual(digests.Email("ann@example.com"), otherKey.Email("ann@example.com"));
        Assert.NotEqual(digests.Email("cs_x"), digests.ErasedSubject("cs_x"));
        Assert.Equal(32, digests.ErasedSubject("cs_x").Length);
        Assert.Throws<ArgumentException>(() => new CommunitySaasDigests(new byte[31]));
    }
}
