using AxonFlow.Core.Licensing;
using static AxonFlow.Core.Tests.Licensing.Licenses;

namespace AxonFlow.Core.Tests.Licensing;

/// <summary>Context rules: the accept lists of the License Matrix, the licensed org, nbf, expiry and grace.</summary>
public sealed class LicenseValidatorTests
{
    private static readonly LicenseValidationContext Deploy = LicenseValidationContext.SelfHostedDeployment;

    [Fact]
    public void Validate_CurrentDeploymentLicense_IsValidAndNotInGrace()
    {
        var valid = Assert.IsType<LicenseValidation.Valid>(Validate(Issue(Deployment()), Deploy));

        Assert.False(valid.InGrace);
        Assert.Equal(valid.Payload.ExpiresAt + TimeSpan.FromDays(7), valid.GraceEndsAt);
    }

    [Fact]
    public void Validate_DeploymentLicenseThreeDaysPastExpiry_IsValidInGrace()
    {
        var token = Issue(Deployment() with { ExpiresAt = Now.AddDays(-3) });

        var valid = Assert.IsType<LicenseValidation.Valid>(Validate(token, Deploy));

        Assert.True(valid.InGrace);
        Assert.Equal(Now.AddDays(4), valid.GraceEndsAt);
    }

    [Fact]
    public void Validate_DeploymentLicensePastItsGrace_IsExpiredNamingBothDates()
    {
        var token = Issue(Deployment() with { ExpiresAt = Now.AddDays(-8) });

        var invalid = Assert.IsType<LicenseValidation.Invalid>(Validate(token, Deploy));

        Assert.Equal(LicenseRejection.Expired, invalid.Reason);
        Assert.Equal("it expired at 2026-11-23T12:00:00Z and its 7-day grace ended at 2026-11-30T12:00:00Z", invalid.Message);
    }

    [Fact]
    public void Validate_GraceBoundary_IsInclusive()
    {
        var token = Issue(Deployment() with { ExpiresAt = Now.AddDays(-7) });

        Assert.IsType<LicenseValidation.Valid>(Validate(token, Deploy));
        Assert.Equal(LicenseRejection.Expired, RejectionOf(Validate(token, Deploy, Now.AddSeconds(1))));
    }

    [Fact]
    public void Validate_SaasTokenPastExpiry_HasNoGrace()
    {
        var token = Issue(Plugin() with { ExpiresAt = Now.AddMinutes(-1) });

        Assert.Equal(LicenseRejection.Expired, RejectionOf(Validate(token, LicenseValidationContext.SaasPlugin)));
    }

    [Fact]
    public void Validate_NotBeforeInTheFuture_IsNotYetValid()
    {
        var token = Issue(Deployment() with { NotBefore = Now.AddDays(2) });

        var invalid = Assert.IsType<LicenseValidation.Invalid>(Validate(token, Deploy));

        Assert.Equal(LicenseRejection.NotYetValid, invalid.Reason);
        Assert.Contains("not valid before 2026-12-03T12:00:00Z", invalid.Message, StringComparison.Ordinal);
        Assert.IsType<LicenseValidation.Valid>(Validate(token, Deploy, Now.AddDays(2)));
    }

    [Fact]
    public void Validate_NotBeforeWithinClockSkew_IsValid()
    {
        var token = Issue(Deployment() with { NotBefore = Now.AddMinutes(4) });

        Assert.IsType<LicenseValidation.Valid>(Validate(token, Deploy));
    }

    [Fact]
    public void Validate_IssuedInTheFuture_IsNotYetValid()
    {
        var token = Issue(Deployment() with { IssuedAt = Now.AddHours(1) });

        Assert.Equal(LicenseRejection.NotYetValid, RejectionOf(Validate(token, Deploy)));
    }

    [Fact]
    public void Validate_DeploymentLicenseWithoutOrganization_IsInvalid()
    {
        var token = Issue(Deployment() with { DeploymentId = null });

        var invalid = Assert.IsType<LicenseValidation.Invalid>(Validate(token, Deploy));

        Assert.Equal(LicenseRejection.InvalidPayload, invalid.Reason);
        Assert.Contains("names no licensed organization", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SaasTokenWithoutOrganization_IsValid()
    {
        Assert.IsType<LicenseValidation.Valid>(Validate(Issue(Plugin()), LicenseValidationContext.SaasPlugin));
    }

    /// <summary>All 6 aud values × the 3 validation contexts: exactly the accept lists, everything else cross-quadrant.</summary>
    public static TheoryData<string, LicenseValidationContext, bool> Matrix() => new()
    {
        { "axonflow.saas.plugin", LicenseValidationContext.SelfHostedDeployment, false },
        { "axonflow.saas.sdk", LicenseValidationContext.SelfHostedDeployment, false },
        { "axonflow.saas.full", LicenseValidationContext.SelfHostedDeployment, false },
        { "axonflow.self_hosted.plugin", LicenseValidationContext.SelfHostedDeployment, true },
        { "axonflow.self_hosted.sdk", LicenseValidationContext.SelfHostedDeployment, true },
        { "axonflow.self_hosted.full", LicenseValidationContext.SelfHostedDeployment, true },
        { "axonflow.saas.plugin", LicenseValidationContext.SaasPlugin, true },
        { "axonflow.saas.sdk", LicenseValidationContext.SaasPlugin, false },
        { "axonflow.saas.full", LicenseValidationContext.SaasPlugin, true },
        { "axonflow.self_hosted.plugin", LicenseValidationContext.SaasPlugin, false },
        { "axonflow.self_hosted.sdk", LicenseValidationContext.SaasPlugin, false },
        { "axonflow.self_hosted.full", LicenseValidationContext.SaasPlugin, false },
        { "axonflow.saas.plugin", LicenseValidationContext.SaasSdk, false },
        { "axonflow.saas.sdk", LicenseValidationContext.SaasSdk, true },
        { "axonflow.saas.full", LicenseValidationContext.SaasSdk, true },
        { "axonflow.self_hosted.plugin", LicenseValidationContext.SaasSdk, false },
        { "axonflow.self_hosted.sdk", LicenseValidationContext.SaasSdk, false },
        { "axonflow.self_hosted.full", LicenseValidationContext.SaasSdk, false },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Validate_EveryAudienceInEveryContext_FollowsTheAcceptList(string aud, LicenseValidationContext context, bool accepted)
    {
        Assert.True(LicenseAudience.TryParse(aud, out var audience));
        var token = Issue(Deployment(audience) with { TenantId = Core.Identity.ClientId.Create("cs_tenant") });

        var validation = Validate(token, context);

        if (accepted)
        {
            Assert.IsType<LicenseValidation.Valid>(validation);
        }
        else
        {
            var invalid = Assert.IsType<LicenseValidation.Invalid>(validation);
            Assert.Equal(LicenseRejection.CrossQuadrant, invalid.Reason);
            Assert.Contains($"its aud is {aud}", invalid.Message, StringComparison.Ordinal);
            Assert.Contains(context.Describe(), invalid.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Matrix_CoversEveryAudienceAndContext()
    {
        var rows = Matrix().Select(row => (row.Data.Item1, row.Data.Item2)).ToHashSet();

        Assert.Equal(LicenseAudience.All.Count * Enum.GetValues<LicenseValidationContext>().Length, rows.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Validate_MissingAud_FallsBackToSelfHostedFull(string? aud)
    {
        var json = $$"""{"v":3,"kid":"{{Key.Kid}}","tier":"enterprise",{{(aud is null ? string.Empty : $"\"aud\":\"{aud}\",")}}"deployment_id":"acme","expires_at":"2027-06-30"}""";
        var token = SignRaw(json);

        var valid = Assert.IsType<LicenseValidation.Valid>(Validate(token, Deploy));
        var onPluginPath = Assert.IsType<LicenseValidation.Invalid>(Validate(token, LicenseValidationContext.SaasPlugin));

        Assert.Null(valid.Payload.Audience);
        Assert.Same(LicenseAudience.SelfHostedFull, valid.Payload.EffectiveAudience);
        Assert.Equal(LicenseRejection.CrossQuadrant, onPluginPath.Reason);
        Assert.Contains("it has no aud (treated as axonflow.self_hosted.full)", onPluginPath.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TokenIssuedForAnotherKeyring_IsUnknownKey()
    {
        var token = Issue(Deployment() with { Kid = OtherKey.Kid }, OtherKey);

        Assert.Equal(LicenseRejection.UnknownKey, RejectionOf(Validate(token, Deploy)));
    }
}
