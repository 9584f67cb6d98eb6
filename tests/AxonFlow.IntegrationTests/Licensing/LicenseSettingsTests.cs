using AxonFlow.Core.Identity;
using AxonFlow.Core.Licensing;
using AxonFlow.Server.Licensing;
using Microsoft.Extensions.Time.Testing;
using static AxonFlow.IntegrationTests.Licensing.TestLicenses;

namespace AxonFlow.IntegrationTests.Licensing;

/// <summary>The deployment license and the plugin-token keys as start-up reads them: one line per problem, never the token.</summary>
public sealed class LicenseSettingsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Now);

    [Fact]
    public void Read_EnterpriseWithoutLicense_IsRefused()
    {
        var error = ReadFails(_time, ("DEPLOYMENT_MODE", "enterprise"));

        Assert.Contains(error.Errors, e => e.StartsWith("AXONFLOW_LICENSE_KEY is required when DEPLOYMENT_MODE=enterprise", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_ValidLicense_MakesTheLicensedOrgTheDeploymentOrg()
    {
        var token = Deployment(Now);

        var settings = Read(_time, ("DEPLOYMENT_MODE", "enterprise"), ("AXONFLOW_LICENSE_KEY", token + "\n"), ("AXONFLOW_LICENSE_PUBLIC_KEYS", DeploymentPublicKeys));

        Assert.Equal(OrgId.Create("acme"), settings.DeploymentOrg);
        Assert.True(settings.DeploymentOrgConfigured);
        Assert.Equal(token, settings.License!.Token);
        Assert.Equal(LicenseTier.Enterprise, settings.License.Payload.Tier);
        Assert.DoesNotContain(token, settings.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(token, settings.License.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OrgIdEqualToTheLicensedOrg_IsAccepted()
    {
        var settings = Read(_time, ("ORG_ID", "acme"), ("AXONFLOW_LICENSE_KEY", Deployment(Now)), ("AXONFLOW_LICENSE_PUBLIC_KEYS", DeploymentPublicKeys));

        Assert.Equal(OrgId.Create("acme"), settings.DeploymentOrg);
    }

    [Fact]
    public void Read_OrgIdNamingAnotherOrg_IsRefusedNamingBoth()
    {
        var error = ReadFails(_time, ("ORG_ID", "globex"), ("AXONFLOW_LICENSE_KEY", Deployment(Now)), ("AXONFLOW_LICENSE_PUBLIC_KEYS", DeploymentPublicKeys));

        var line = Assert.Single(error.Errors);
        Assert.Equal("ORG_ID is 'globex' but AXONFLOW_LICENSE_KEY licenses organization 'acme': unset ORG_ID or set it to 'acme'.", line);
    }

    [Fact]
    public void Read_LicenseWithoutPublicKeys_IsRefused()
    {
        var error = ReadFails(_time, ("AXONFLOW_LICENSE_KEY", Deployment(Now)));

        Assert.Contains(error.Errors, e => e.StartsWith("AXONFLOW_LICENSE_PUBLIC_KEYS is required to verify AXONFLOW_LICENSE_KEY", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("expired")]
    [InlineData("saas-plugin-token")]
    [InlineData("other-key")]
    [InlineData("not-yet-valid")]
    public void Read_InvalidLicense_RefusesBootWithOneLineWithoutTheToken(string kind)
    {
        using var stranger = LicenseSigningKey.Generate("stranger");
        var valid = Deployment(Now);
        var (token, reason) = kind switch
        {
            "tampered" => (valid[..^10] + (valid[^10] == 'A' ? 'B' : 'A') + valid[^9..], "bad_signature"),
            "expired" => (Deployment(Now, expiresAt: Now.AddDays(-8)), "expired"),
            "saas-plugin-token" => (Deployment(Now, audience: LicenseAudience.SaasPlugin), "cross_quadrant"),
            "other-key" => (LicenseIssuer.Issue(stranger, new LicensePayload
            {
                Version = 3, Kid = "stranger", Tier = LicenseTier.Enterprise, DeploymentId = OrgId.Create("acme"), ExpiresAt = Now.AddDays(30),
            }), "unknown_kid"),
            _ => (LicenseIssuer.Issue(DeploymentKey, new LicensePayload
            {
                Version = 3, Kid = DeploymentKey.Kid, Tier = LicenseTier.Enterprise, DeploymentId = OrgId.Create("acme"),
                NotBefore = Now.AddDays(3), ExpiresAt = Now.AddDays(30),
            }), "not_yet_valid"),
        };

        var error = ReadFails(_time, ("DEPLOYMENT_MODE", "enterprise"), ("AXONFLOW_LICENSE_KEY", token), ("AXONFLOW_LICENSE_PUBLIC_KEYS", DeploymentPublicKeys));

        var line = Assert.Single(error.Errors);
        Assert.StartsWith($"AXONFLOW_LICENSE_KEY is not a valid deployment license ({reason}): ", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain(token[5..40], line, StringComparison.Ordinal);
        Assert.DoesNotContain(token[5..40], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LicenseInItsGrace_StillBoots()
    {
        var settings = Read(_time, ("AXONFLOW_LICENSE_KEY", Deployment(Now, expiresAt: Now.AddDays(-2))), ("AXONFLOW_LICENSE_PUBLIC_KEYS", DeploymentPublicKeys));

        Assert.Equal(Now.AddDays(5), settings.License!.GraceEndsAt);
    }

    [Fact]
    public void Read_CommunityWithoutLicense_HasNone()
    {
        var settings = Read(_time);

        Assert.Null(settings.License);
        Assert.Equal(OrgId.LocalDev, settings.DeploymentOrg);
        Assert.Equal(PluginKeyPosture.None, settings.PluginTokenKeys.Posture);
    }

    [Fact]
    public void Read_CommunityWithAnInvalidLicense_IsStillRefused()
    {
        var error = ReadFails(_time, ("AXONFLOW_LICENSE_KEY", "AXON-garbage"), ("AXONFLOW_LICENSE_PUBLIC_KEYS", DeploymentPublicKeys));

        Assert.Contains(error.Errors, e => e.StartsWith("AXONFLOW_LICENSE_KEY is not a valid deployment license (malformed)", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_BadPublicKeys_NamesTheVariable()
    {
        var error = ReadFails(_time, ("AXONFLOW_LICENSE_PUBLIC_KEYS", "k1=AAAA"));

        Assert.Equal("AXONFLOW_LICENSE_PUBLIC_KEYS is not usable: entry 1 (k1) is not the base64 encoding of a 32-byte Ed25519 public key.", Assert.Single(error.Errors));
    }

    [Fact]
    public void Read_PluginPublicKeyOnly_IsTheVerifierOnlyPosture()
    {
        var settings = Read(_time, ("AXONFLOW_PLUGIN_CLAIMED_PUBLIC_KEY", PluginPublicKey));

        Assert.Equal(PluginKeyPosture.VerifierOnly, settings.PluginTokenKeys.Posture);
        Assert.Null(settings.PluginTokenKeys.SigningKey);
        Assert.Equal([PluginKey.Kid], settings.PluginTokenKeys.Keyring.KeyIds);
    }

    [Fact]
    public void Read_PluginSeedOnly_DerivesThePublicKey()
    {
        var settings = Read(_time, ("AXONFLOW_PLUGIN_CLAIMED_SIGNING_KEY", " " + PluginSeed + "\n"));

        Assert.Equal(PluginKeyPosture.SigningSeed, settings.PluginTokenKeys.Posture);
        Assert.Equal(PluginKey.PublicKey, settings.PluginTokenKeys.SigningKey!.PublicKey);
        var token = Plugin(Now);
        Assert.IsType<LicenseVerification.Verified>(new LicenseVerifier(settings.PluginTokenKeys.Keyring).Verify(token));
    }

    [Theory]
    [InlineData("AXONFLOW_PLUGIN_CLAIMED_PUBLIC_KEY", "c2VjcmV0LXB1YmxpYy12YWx1ZQ==", "AXONFLOW_PLUGIN_CLAIMED_PUBLIC_KEY must be the base64 encoding of a 32-byte Ed25519 public key.")]
    [InlineData("AXONFLOW_PLUGIN_CLAIMED_SIGNING_KEY", "not base64 at all: s3cr3t-seed", "AXONFLOW_PLUGIN_CLAIMED_SIGNING_KEY must be the base64 encoding of a 32-byte Ed25519 seed.")]
    [InlineData("AXONFLOW_PLUGIN_CLAIMED_SIGNING_KEY", "c2VjcmV0LXNlZWQ=", "AXONFLOW_PLUGIN_CLAIMED_SIGNING_KEY must be the base64 encoding of a 32-byte Ed25519 seed.")]
    public void Read_UnusablePluginKey_NamesTheVariableNotItsValue(string name, string value, string expected)
    {
        var error = ReadFails(_time, (name, value));

        Assert.Equal(expected, Assert.Single(error.Errors));
        Assert.DoesNotContain(value.Trim(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PluginPublicKeyOfAnotherSeed_IsRefused()
    {
        using var other = LicenseSigningKey.Generate();

        var error = ReadFails(_time, ("AXONFLOW_PLUGIN_CLAIMED_PUBLIC_KEY", Convert.ToBase64String(other.PublicKey)), ("AXONFLOW_PLUGIN_CLAIMED_SIGNING_KEY", PluginSeed));

        Assert.StartsWith("AXONFLOW_PLUGIN_CLAIMED_PUBLIC_KEY is not the public key of AXONFLOW_PLUGIN_CLAIMED_SIGNING_KEY", Assert.Single(error.Errors), StringComparison.Ordinal);
    }
}
