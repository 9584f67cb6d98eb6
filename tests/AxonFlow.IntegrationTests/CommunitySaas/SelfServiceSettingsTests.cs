using AxonFlow.Server.CommunitySaas.SelfService;

namespace AxonFlow.IntegrationTests.CommunitySaas;

public sealed class SelfServiceSettingsTests
{
    [Fact]
    public void Defaults_WhenNothingIsSet()
    {
        var errors = new List<string>();

        var settings = SelfServiceSettings.Read(_ => null, errors);

        Assert.Empty(errors);
        Assert.Null(settings.RecoveryTokenPepper);
        Assert.Null(settings.TenantDeleteTokenPepper);
        Assert.Null(settings.StripeSecretKey);
        Assert.Equal(new Uri("https://api.stripe.com/"), settings.StripeApiBaseUrl);
    }

    [Fact]
    public void ValidValues_AreRead()
    {
        var values = new Dictionary<string, string>
        {
            ["AXONFLOW_TENANT_DELETE_TOKEN_PEPPER"] = new string('p', 32),
            ["STRIPE_SECRET_KEY"] = "sk_test_1",
            ["AXONFLOW_STRIPE_API_BASE_URL"] = "http://127.0.0.1:9999",
        };
        var errors = new List<string>();

        var settings = SelfServiceSettings.Read(name => values.GetValueOrDefault(name), errors);

        Assert.Empty(errors);
        Assert.Equal(new string('p', 32), settings.TenantDeleteTokenPepper);
        Assert.Equal(new Uri("http://127.0.0.1:9999/v1/customers/x"), new Uri(settings.StripeApiBaseUrl, "v1/customers/x"));
        Assert.DoesNotContain("sk_test_1", settings.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AXONFLOW_STRIPE_API_BASE_URL", "api.stripe.com")]
    [InlineData("AXONFLOW_RECOVERY_TOKEN_PEPPER", "short")]
    [InlineData("AXONFLOW_TENANT_DELETE_TOKEN_PEPPER", "short")]
    public void BadValues_AreReportedByName(string name, string value)
    {
        var errors = new List<string>();

        SelfServiceSettings.Read(n => n == name ? value : null, errors);

        Assert.StartsWith(name, Assert.Single(errors), StringComparison.Ordinal);
    }
}
