using AxonFlow.Server.Configuration;
using Microsoft.Extensions.Configuration;

namespace AxonFlow.IntegrationTests.CommunitySaas;

/// <summary>AXONFLOW_PUBLIC_URL, COMMUNITY_SAAS_REGISTER_PER_IP_PER_HOUR and COMMUNITY_SAAS_MINUTE_LIMIT, validated at boot.</summary>
public sealed class CommunitySaasSettingsTests
{
    private const string OwnerUrl = "postgres://axonflow:owner@db.test:5432/axonflow";
    private const string AppUrl = "postgres://axonflow_app_role:app@db.test:5432/axonflow";

    [Fact]
    public void Defaults_AreFivePerHourAndTwoHundredPerMinute_AndTheDevelopmentEndpoint()
    {
        var settings = Read(("DEPLOYMENT_MODE", "community-saas")).CommunitySaas;

        Assert.Equal(5, settings.RegistrationsPerIpPerHour);
        Assert.Equal(200, settings.RequestsPerCredentialPerMinute);
        Assert.Equal("http://localhost:8080", settings.PublicUrl);
    }

    [Fact]
    public void Values_AreRead_AndThePublicUrlLosesItsTrailingSlash()
    {
        var settings = Read(
            ("DEPLOYMENT_MODE", "community-saas"),
            ("COMMUNITY_SAAS_REGISTER_PER_IP_PER_HOUR", "12"),
            ("COMMUNITY_SAAS_MINUTE_LIMIT", "600"),
            ("AXONFLOW_PUBLIC_URL", "https://try.example.com/")).CommunitySaas;

        Assert.Equal(12, settings.RegistrationsPerIpPerHour);
        Assert.Equal(600, settings.RequestsPerCredentialPerMinute);
        Assert.Equal("https://try.example.com", settings.PublicUrl);
    }

    [Theory]
    [InlineData("COMMUNITY_SAAS_REGISTER_PER_IP_PER_HOUR", "0", "COMMUNITY_SAAS_REGISTER_PER_IP_PER_HOUR must be a whole number from 1 to 1000000, but was '0'.")]
    [InlineData("COMMUNITY_SAAS_MINUTE_LIMIT", "lots", "COMMUNITY_SAAS_MINUTE_LIMIT must be a whole number from 1 to 1000000, but was 'lots'.")]
    [InlineData("AXONFLOW_PUBLIC_URL", "try.example.com", "AXONFLOW_PUBLIC_URL must be an absolute http(s) URL")]
    [InlineData("AXONFLOW_PUBLIC_URL", "ftp://try.example.com", "AXONFLOW_PUBLIC_URL must be an absolute http(s) URL")]
    [InlineData("AXONFLOW_PUBLIC_URL", "https://try.example.com/?next=evil", "AXONFLOW_PUBLIC_URL must be an absolute http(s) URL")]
    public void BadValues_AreBootErrorsNamingTheVariable(string key, string value, string expected)
    {
        var error = Assert.Throws<SettingsException>(() => Read(("DEPLOYMENT_MODE", "community-saas"), (key, value)));

        Assert.Contains(error.Errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void CommunitySaasInProduction_RequiresThePublicUrl()
    {
        (string, string?)[] production =
        [
            ("DEPLOYMENT_MODE", "community-saas"), ("DEPLOYMENT_KIND", "production"), ("DATABASE_URL", OwnerUrl), ("AXONFLOW_DB_APP_ROLE_URL", AppUrl),
            ("AXONFLOW_CREDENTIAL_HASH_KEY", "credential-hash-key-0123456789abcdef"), ("ORG_ID", "acme"),
        ];

        var error = Assert.Throws<SettingsException>(() => Read(production));
        var withUrl = Read([.. production, ("AXONFLOW_PUBLIC_URL", "https://try.example.com")]);

        Assert.Contains(error.Errors, e => e.StartsWith("AXONFLOW_PUBLIC_URL is required when DEPLOYMENT_MODE=community-saas and DEPLOYMENT_KIND=production", StringComparison.Ordinal));
        Assert.Equal("https://try.example.com", withUrl.CommunitySaas.PublicUrl);
    }

    private static AxonFlowSettings Read(params (string Key, string? Value)[] values) =>
        SettingsReader.Read(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build(), "/tmp/axonflow-settings-test");
}
