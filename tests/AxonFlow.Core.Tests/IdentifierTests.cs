using AxonFlow.Core.Identity;

namespace AxonFlow.Core.Tests;

public sealed class IdentifierTests
{
    [Theory]
    [InlineData("acme-corp")]
    [InlineData("cs_0b6f0e4e-8b1c-4d8e-9a61-1d5c2f3e4a5b")]
    [InlineData("team.payments:prod")]
    [InlineData("ops@acme")]
    public void TryCreate_AcceptsOrgIdentifiers(string value)
    {
        Assert.True(OrgId.TryCreate(value, out var org));
        Assert.Equal(value, org.Value.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("new\nline")]
    [InlineData("quote'")]
    public void TryCreate_RejectsUnsafeIdentifiers(string? value)
    {
        Assert.False(OrgId.TryCreate(value, out _));
        Assert.False(ClientId.TryCreate(value, out _));
    }

    [Fact]
    public void TryCreate_RejectsOverlongIdentifier() => Assert.False(ClientId.TryCreate(new string('a', 129), out _));

    [Fact]
    public void LocalDev_IsTheSentinel()
    {
        Assert.True(OrgId.LocalDev.IsLocalDevSentinel);
        Assert.False(OrgId.Create("acme").IsLocalDevSentinel);
    }

    [Theory]
    [InlineData(null, DeploymentMode.Community)]
    [InlineData("", DeploymentMode.Community)]
    [InlineData("community", DeploymentMode.Community)]
    [InlineData("COMMUNITY-SAAS", DeploymentMode.CommunitySaas)]
    [InlineData("saas", DeploymentMode.Saas)]
    [InlineData("enterprise", DeploymentMode.Enterprise)]
    [InlineData("in-vpc-enterprise", DeploymentMode.Enterprise)]
    public void DeploymentMode_ParsesKnownNames(string? value, DeploymentMode expected)
    {
        Assert.True(DeploymentModeNames.TryParse(value, out var mode));
        Assert.Equal(expected, mode);
    }

    [Fact]
    public void DeploymentMode_RejectsUnknownName() => Assert.False(DeploymentModeNames.TryParse("hosted", out _));
}
