using AxonFlow.Core.Isolation;
using AxonFlow.Server.Configuration;
using AxonFlow.Server.Email;
using AxonFlow.Server.Hosting;
using Microsoft.Extensions.Configuration;

namespace AxonFlow.IntegrationTests.Email;

/// <summary>Email settings are validated at boot, every problem named; the delivery worker's guard refuses a missing admin pool.</summary>
public sealed class EmailSettingsTests
{
    private const string OwnerUrl = "postgres://axonflow:owner-pass@db.internal:5432/axonflow?sslmode=require";
    private const string AppUrl = "postgres://axonflow_app_role:app-pass@db.internal:5432/axonflow?sslmode=require";

    private static AxonFlowSettings Read(params (string Key, string? Value)[] values) =>
        SettingsReader.Read(new ConfigurationBuilder().AddInMemoryCollection(LastWins(values)).Build(), "/tmp/axonflow-email-test");

    private static Dictionary<string, string?> LastWins((string Key, string? Value)[] values)
    {
        var merged = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            merged[key] = value;
        }

        return merged;
    }

    private static IReadOnlyList<string> Errors(params (string Key, string? Value)[] values) =>
        Assert.Throws<SettingsException>(() => Read(values)).Errors;

    [Fact]
    public void Read_Nothing_IsTheDevLog_WithoutTheDeliveryWorkerGuard()
    {
        var settings = Read();

        Assert.Equal(EmailTransportKind.Log, settings.Email.Transport);
        Assert.Null(settings.Email.From);
        Assert.Equal(8, settings.Email.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.Email.RetryBase);
        Assert.Equal(TimeSpan.FromSeconds(15), settings.Email.PollInterval);
        Assert.DoesNotContain(AdminPoolWorker.EmailDelivery, settings.EnabledWorkers);
    }

    [Theory]
    [InlineData(null, 587, SmtpSecurity.StartTls)]
    [InlineData("starttls", 587, SmtpSecurity.StartTls)]
    [InlineData("tls", 465, SmtpSecurity.Tls)]
    [InlineData("none", 25, SmtpSecurity.None)]
    public void Read_SmtpHost_SelectsSmtp_WithThePortOfItsSecurity(string? security, int port, SmtpSecurity expected)
    {
        var settings = Read(("SMTP_HOST", "smtp.example.com"), ("SMTP_FROM", "AxonFlow <noreply@example.com>"), ("SMTP_SECURITY", security));

        Assert.Equal(EmailTransportKind.Smtp, settings.Email.Transport);
        Assert.Equal(new SmtpOptions("smtp.example.com", port, expected, null, null), settings.Email.Smtp);
        Assert.Equal("noreply@example.com", settings.Email.From!.Address);
        Assert.Contains(AdminPoolWorker.EmailDelivery, settings.EnabledWorkers);
    }

    [Fact]
    public void Read_BothTransports_ResendWins_AndTheKeyIsTrimmed()
    {
        var settings = Read(
            ("SMTP_HOST", "smtp.example.com"), ("RESEND_API_KEY", "  re_live_key\n"), ("AXONFLOW_EMAIL_FROM", "noreply@example.com"));

        Assert.Equal(EmailTransportKind.Resend, settings.Email.Transport);
        Assert.Equal("re_live_key", settings.Email.Resend!.ApiKey);
        Assert.Equal(new Uri("https://api.resend.com/"), settings.Email.Resend.BaseUrl);
        Assert.Null(settings.Email.Smtp);
    }

    [Fact]
    public void Read_ExplicitTransport_OverridesTheAutomaticChoice()
    {
        var smtp = Read(
            ("AXONFLOW_EMAIL_TRANSPORT", "smtp"), ("SMTP_HOST", "smtp.example.com"), ("RESEND_API_KEY", "re_live_key"), ("AXONFLOW_EMAIL_FROM", "noreply@example.com"));
        var log = Read(("AXONFLOW_EMAIL_TRANSPORT", "log"), ("SMTP_HOST", "smtp.example.com"));

        Assert.Equal(EmailTransportKind.Smtp, smtp.Email.Transport);
        Assert.Equal("noreply@example.com", smtp.Email.From!.Address);
        Assert.Equal(EmailTransportKind.Log, log.Email.Transport);
        Assert.DoesNotContain(AdminPoolWorker.EmailDelivery, log.EnabledWorkers);
    }

    [Fact]
    public void Read_ResendBaseUrlOverride_IsUsed()
    {
        var settings = Read(("RESEND_API_KEY", "re_k"), ("AXONFLOW_EMAIL_FROM", "a@example.com"), ("AXONFLOW_RESEND_BASE_URL", "http://127.0.0.1:9999/v1"));

        Assert.Equal(new Uri("http://127.0.0.1:9999/v1/"), settings.Email.Resend!.BaseUrl);
    }

    [Theory]
    [InlineData("AXONFLOW_EMAIL_TRANSPORT", "sendmail", "AXONFLOW_EMAIL_TRANSPORT must be auto, smtp, resend or log, but was 'sendmail'.")]
    [InlineData("SMTP_SECURITY", "ssl3", "SMTP_SECURITY must be starttls, tls or none, but was 'ssl3'.")]
    [InlineData("SMTP_PORT", "70000", "SMTP_PORT must be a whole number of port from 1 to 65535, but was '70000'.")]
    [InlineData("SMTP_FROM", "not an address", "SMTP_FROM must be an address like")]
    [InlineData("AXONFLOW_EMAIL_MAX_ATTEMPTS", "0", "AXONFLOW_EMAIL_MAX_ATTEMPTS must be a whole number of attempts from 1 to 100, but was '0'.")]
    [InlineData("AXONFLOW_EMAIL_RETRY_BASE_SECONDS", "-5", "AXONFLOW_EMAIL_RETRY_BASE_SECONDS must be a whole number")]
    [InlineData("AXONFLOW_EMAIL_POLL_SECONDS", "soon", "AXONFLOW_EMAIL_POLL_SECONDS must be a whole number")]
    [InlineData("SMTP_USERNAME", "mailer", "SMTP_USERNAME and SMTP_PASSWORD must be set together")]
    [InlineData("SMTP_ALLOW_PLAINTEXT_AUTH", "sometimes", "SMTP_ALLOW_PLAINTEXT_AUTH must be true or false, but was 'sometimes'.")]
    public void Read_BadSmtpValue_IsNamed(string key, string value, string expected)
    {
        var errors = Errors(("SMTP_HOST", "smtp.example.com"), ("SMTP_FROM", "noreply@example.com"), (key, value));

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_TransportWithoutFrom_IsRefused()
    {
        var errors = Errors(("RESEND_API_KEY", "re_k"));

        Assert.Contains(errors, e => e.StartsWith("AXONFLOW_EMAIL_FROM is required when email goes through resend", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_ExplicitTransportWithoutItsSettings_IsRefused()
    {
        Assert.Contains("SMTP_HOST is required when AXONFLOW_EMAIL_TRANSPORT=smtp.", Errors(("AXONFLOW_EMAIL_TRANSPORT", "smtp"), ("SMTP_FROM", "a@example.com")));
        Assert.Contains("RESEND_API_KEY is required when AXONFLOW_EMAIL_TRANSPORT=resend.", Errors(("AXONFLOW_EMAIL_TRANSPORT", "resend"), ("AXONFLOW_EMAIL_FROM", "a@example.com")));
    }

    [Fact]
    public void Read_ProductionPlaintextAuth_IsRefusedUnlessExplicitlyAllowed()
    {
        (string, string?)[] common =
        [
            ("DEPLOYMENT_KIND", "production"), ("DATABASE_URL", OwnerUrl), ("AXONFLOW_DB_APP_ROLE_URL", AppUrl),
            ("AXONFLOW_CREDENTIAL_HASH_KEY", new string('h', 40)), ("SMTP_HOST", "relay.internal"), ("SMTP_FROM", "a@example.com"),
            ("SMTP_SECURITY", "none"), ("SMTP_USERNAME", "mailer"), ("SMTP_PASSWORD", "relay-secret-pw"),
        ];

        var errors = Errors(common);
        var allowed = Read([.. common, ("SMTP_ALLOW_PLAINTEXT_AUTH", "true")]);
        var dev = Read(("SMTP_HOST", "relay.internal"), ("SMTP_FROM", "a@example.com"), ("SMTP_SECURITY", "none"), ("SMTP_USERNAME", "mailer"), ("SMTP_PASSWORD", "pw"));

        var line = Assert.Single(errors);
        Assert.StartsWith("SMTP_SECURITY=none with SMTP_USERNAME would send the SMTP password in clear; production refuses it.", line, StringComparison.Ordinal);
        Assert.DoesNotContain("relay-secret-pw", line, StringComparison.Ordinal);
        Assert.Equal(SmtpSecurity.None, allowed.Email.Smtp!.Security);
        Assert.Equal("mailer", dev.Email.Smtp!.Username);
    }

    [Fact]
    public void Settings_NeverPrintTheirSecrets()
    {
        var smtp = Read(("SMTP_HOST", "smtp.example.com"), ("SMTP_FROM", "a@example.com"), ("SMTP_USERNAME", "mailer"), ("SMTP_PASSWORD", "smtp-secret-pw"));
        var resend = Read(("RESEND_API_KEY", "re_secret_key"), ("AXONFLOW_EMAIL_FROM", "a@example.com"));

        Assert.DoesNotContain("smtp-secret-pw", smtp.Email.ToString() + smtp.Email.Smtp, StringComparison.Ordinal);
        Assert.DoesNotContain("re_secret_key", resend.Email.ToString() + resend.Email.Resend, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_TransportWithoutThePlatformAdminPool_RefusesBootWithItsFatalLine()
    {
        var settings = Read(
            ("DATABASE_URL", OwnerUrl), ("AXONFLOW_DB_APP_ROLE_URL", AppUrl), ("DEPLOYMENT_MODE", "community-saas"),
            ("COMMUNITY_SAAS_SWEEP_ENABLED", "false"), ("COMMUNITY_SAAS_RECOVERY_ENABLED", "false"), ("COMMUNITY_SAAS_DELETE_ENABLED", "false"),
            ("SMTP_HOST", "smtp.example.com"), ("SMTP_FROM", "a@example.com"));
        var runtime = new AxonFlowRuntime(settings, settings.RuntimeUrl!, null, new string('k', 40));

        var error = Assert.Throws<BootRefusedException>(() => AxonFlowApplication.Create(runtime));

        Assert.StartsWith("[EMAIL-OUTBOX] FATAL: AXONFLOW_DB_PLATFORM_ADMIN_URL is required", Assert.Single(error.FatalLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Guard_LegacyPosture_LetsTheWorkerRunOnTheRequestPool()
    {
        var settings = Read(("DATABASE_URL", OwnerUrl), ("AXONFLOW_DB_USE_APP_ROLE", "false"), ("SMTP_HOST", "smtp.example.com"), ("SMTP_FROM", "a@example.com"));

        Assert.Empty(BootGuards.Evaluate(settings, platformAdminConfigured: false));
    }

    [Fact]
    public void Preflight_SeesTheDeliveryWorker_SoCheck8FailsWhereBootWould()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["RESEND_API_KEY"] = "re_k" }).Build();

        var environment = global::AxonFlow.Cli.Preflight.PreflightEnvironment.Read(configuration, TimeProvider.System);

        Assert.Contains(AdminPoolWorker.EmailDelivery, environment.Workers);
    }

    [Theory]
    [InlineData(1, 0.0, 15)]
    [InlineData(1, 0.999999, 30)]
    [InlineData(2, 0.0, 30)]
    [InlineData(3, 0.5, 90)]
    [InlineData(7, 0.0, 960)]
    [InlineData(8, 0.0, 1800)]
    [InlineData(9, 0.999999, 3600)]
    [InlineData(40, 0.0, 1800)]
    public void RetryPolicy_DoublesPerAttempt_WithEqualJitter_CappedAtAnHour(int attempts, double random, int expectedSeconds)
    {
        var delay = new EmailRetryPolicy(8, TimeSpan.FromSeconds(30)).DelayAfter(attempts, random);

        Assert.Equal(expectedSeconds, delay.TotalSeconds, 0);
    }

    [Fact]
    public void RetryPolicy_IsExhaustedAtMaxAttempts()
    {
        var policy = new EmailRetryPolicy(3, TimeSpan.FromSeconds(30));

        Assert.False(policy.IsExhausted(2));
        Assert.True(policy.IsExhausted(3));
    }
}
