using AxonFlow.Core.Licensing;
using static AxonFlow.Core.Tests.Licensing.Licenses;

namespace AxonFlow.Core.Tests.Licensing;

/// <summary>HostingMode() and HasScope(scope) derive the matrix coordinates from aud.</summary>
public sealed class LicenseMatrixTests
{
    [Theory]
    [InlineData("axonflow.saas.plugin", LicenseHostingMode.Saas, LicenseScope.Plugin)]
    [InlineData("axonflow.saas.sdk", LicenseHostingMode.Saas, LicenseScope.Sdk)]
    [InlineData("axonflow.saas.full", LicenseHostingMode.Saas, LicenseScope.Full)]
    [InlineData("axonflow.self_hosted.plugin", LicenseHostingMode.SelfHosted, LicenseScope.Plugin)]
    [InlineData("axonflow.self_hosted.sdk", LicenseHostingMode.SelfHosted, LicenseScope.Sdk)]
    [InlineData("axonflow.self_hosted.full", LicenseHostingMode.SelfHosted, LicenseScope.Full)]
    public void Audience_MapsToItsHostingModeAndScope(string value, LicenseHostingMode mode, LicenseScope scope)
    {
        Assert.True(LicenseAudience.TryParse(value, out var audience));
        var payload = Deployment(audience);

        Assert.Equal(mode, payload.HostingMode());
        Assert.Equal(scope, audience.Scope);
        Assert.Equal(value, audience.ToString());
    }

    [Theory]
    [InlineData(LicenseScope.Plugin, LicenseScope.Plugin, true)]
    [InlineData(LicenseScope.Plugin, LicenseScope.Sdk, false)]
    [InlineData(LicenseScope.Plugin, LicenseScope.Full, false)]
    [InlineData(LicenseScope.Sdk, LicenseScope.Plugin, false)]
    [InlineData(LicenseScope.Sdk, LicenseScope.Sdk, true)]
    [InlineData(LicenseScope.Sdk, LicenseScope.Full, false)]
    [InlineData(LicenseScope.Full, LicenseScope.Plugin, true)]
    [InlineData(LicenseScope.Full, LicenseScope.Sdk, true)]
    [InlineData(LicenseScope.Full, LicenseScope.Full, true)]
    public void HasScope_FullCoversEverythingOthersOnlyThemselves(LicenseScope tokenScope, LicenseScope requestScope, bool expected)
    {
        var audience = LicenseAudience.All.Single(a => a.HostingMode == LicenseHostingMode.Saas && a.Scope == tokenScope);

        Assert.Equal(expected, Plugin(audience).HasScope(requestScope));
    }

    [Fact]
    public void MissingAud_IsSelfHostedFull()
    {
        var payload = Deployment() with { Audience = null };

        Assert.Equal(LicenseHostingMode.SelfHosted, payload.HostingMode());
        Assert.True(payload.HasScope(LicenseScope.Plugin));
        Assert.True(payload.HasScope(LicenseScope.Sdk));
    }

    [Fact]
    public void Tiers_HaveDefaultsAndWireNames()
    {
        Assert.True(LicenseTiers.TryParse("Enterprise", out var enterprise));
        Assert.Equal("enterprise", enterprise.ToWireName());
        Assert.Equal(50, enterprise.DefaultMaxNodes());
        Assert.Contains(LicenseFeatures.Sso, enterprise.DefaultFeatures());
        Assert.DoesNotContain(LicenseFeatures.Sso, LicenseTier.Professional.DefaultFeatures());
        Assert.Null(LicenseTier.Pro.DefaultMaxNodes());
        Assert.False(LicenseTiers.TryParse("community", out _));
    }
}
