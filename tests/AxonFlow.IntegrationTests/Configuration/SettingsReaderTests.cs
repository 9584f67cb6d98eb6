using AxonFlow.Core.Identity;
using AxonFlow.Core.Isolation;
using AxonFlow.Server.Configuration;
using AxonFlow.Server.Hosting;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace AxonFlow.IntegrationTests.Configuration;

public sealed class SettingsReaderTests
{
    private const string OwnerUrl = "postgres://axonflow:owner-pass@db.internal:5432/axonflow?sslmode=require";
    private const string AppUrl = "postgres://axonflow_app_role:app-pass@db.internal:5432/axonflow?sslmode=require";
    private const string AdminUrl = "postgres://axonflow_platform_admin:admin-pass@db.internal:5432/axonflow?sslmode=require";

    private static AxonFlowSettings Read(params (string Key, string? Value)[] values) =>
        SettingsReader.Read(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build(), "/tmp/axonflow-settings-test");

    private static SettingsException ReadFails(params (string Key, string? Value)[] values) =>
        Assert.Throws<SettingsException>(() => Read(values));

    [Fact]
    public void Read_Nothing_IsTheEmbeddedCommunityDefault()
    {
        var settings = Read();

        Assert.True(settings.UsesEmbeddedDatabase);
        Assert.True(settings.UseAppRole);
        Assert.Equal(DeploymentMode.Community, settings.Mode);
        Assert.Equal(DeploymentKind.Dev, settings.Kind);
        Assert.Equal(OrgId.LocalDev, settings.DeploymentOrg);
        Assert.False(settings.DeploymentOrgConfigured);
        Assert.Empty(settings.EnabledWorkers);
    }

    [Theory]
    [InlineData("AXONFLOW_DB_USE_APP_ROLE", "maybe", "AXONFLOW_DB_USE_APP_ROLE must be true or false, but was 'maybe'.")]
    [InlineData("DEPLOYMENT_KIND", "staging", "DEPLOYMENT_KIND must be dev or production, but was 'staging'.")]
    [InlineData("DEPLOYMENT_MODE", "hosted", "DEPLOYMENT_MODE must be one of community, community-saas, saas, enterprise, but was 'hosted'.")]
    [InlineData("ORG_ID", "acme corp", "ORG_ID must be 1-128 characters")]
    [InlineData("ENABLE_NODE_MONITOR", "enabled", "ENABLE_NODE_MONITOR must be true or false, but was 'enabled'.")]
    [InlineData("ENABLE_MARKETPLACE_METERING", "2", "ENABLE_MARKETPLACE_METERING must be true or false")]
    [InlineData("ADMIN_API_KEY", "short", "ADMIN_API_KEY must be at least 16 characters")]
    [InlineData("AXONFLOW_CREDENTIAL_HASH_KEY", "tiny", "AXONFLOW_CREDENTIAL_HASH_KEY must be at least 32 characters")]
    [InlineData("AXONFLOW_MAX_REQUEST_BODY_BYTES", "lots", "AXONFLOW_MAX_REQUEST_BODY_BYTES must be a whole number")]
    [InlineData("DATABASE_URL", "mysql://u:p@h/db", "DATABASE_URL is not a usable PostgreSQL DSN: its scheme must be postgres://")]
    [InlineData("DATABASE_URL", "postgres://u:p@h/db?sslmode=sometimes", "DATABASE_URL is not a usable PostgreSQL DSN: its sslmode must be one of")]
    [InlineData("DATABASE_URL", "postgres://u:p@h/db?frobnicate=1", "DATABASE_URL is not a usable PostgreSQL DSN: its query parameter 'frobnicate' is not supported")]
    [InlineData("AXONFLOW_DB_APP_ROLE_URL", "Host=h;Bogus Key=1", "AXONFLOW_DB_APP_ROLE_URL is not a usable PostgreSQL DSN")]
    [InlineData("AXONFLOW_DB_PLATFORM_ADMIN_URL", "postgres:///db", "AXONFLOW_DB_PLATFORM_ADMIN_URL is not a usable PostgreSQL DSN")]
    public void Read_BadValue_NamesTheVariable(string key, string value, string expected)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal) { ["DATABASE_URL"] = OwnerUrl, ["AXONFLOW_DB_APP_ROLE_URL"] = AppUrl, [key] = value };

        var error = ReadFails([.. values.Select(v => (v.Key, v.Value))]);

        Assert.Contains(error.Errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_BadDsn_NeverEchoesThePassword()
    {
        var error = ReadFails(("DATABASE_URL", "postgres://axonflow:hunter2-secret@db/axonflow?sslmode=bogus"));

        Assert.DoesNotContain(error.Errors, e => e.Contains("hunter2-secret", StringComparison.Ordinal));
        Assert.DoesNotContain("hunter2-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SeveralProblems_ReportsEveryOne()
    {
        var error = ReadFails(("DEPLOYMENT_KIND", "nope"), ("DEPLOYMENT_MODE", "nope"), ("ORG_ID", "bad id"));

        Assert.Equal(3, error.Errors.Count);
    }

    [Fact]
    public void Read_UrlDsn_IsNormalisedToNpgsql()
    {
        var settings = Read(("DATABASE_URL", "postgres://axonflow:p%40ss@db.internal:6543/axon_db?sslmode=require&application_name=agent"), ("AXONFLOW_DB_APP_ROLE_URL", AppUrl));
        var builder = new NpgsqlConnectionStringBuilder(settings.DatabaseUrl);

        Assert.Equal("db.internal", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Equal("axonflow", builder.Username);
        Assert.Equal("p@ss", builder.Password);
        Assert.Equal("axon_db", builder.Database);
        Assert.Equal(SslMode.Require, builder.SslMode);
        Assert.Equal("agent", builder.ApplicationName);
    }

    [Fact]
    public void Read_KeyValueDsn_IsAccepted()
    {
        var settings = Read(("AXONFLOW_DB_APP_ROLE_URL", "Host=db;Port=5433;Username=axonflow_app_role;Password=x;Database=axonflow"));

        Assert.Equal(5433, new NpgsqlConnectionStringBuilder(settings.AppRoleUrl).Port);
        Assert.Equal(settings.AppRoleUrl, settings.RuntimeUrl);
        Assert.False(settings.UsesEmbeddedDatabase);
    }

    [Fact]
    public void Read_SecretsAreTrimmed()
    {
        var settings = Read(("ADMIN_API_KEY", "  admin-key-0123456789\n"), ("AXONFLOW_CREDENTIAL_HASH_KEY", "\t0123456789abcdef0123456789abcdef \n"), ("ORG_ID", " acme-corp "));

        Assert.Equal("admin-key-0123456789", settings.AdminApiKey);
        Assert.Equal("0123456789abcdef0123456789abcdef", settings.CredentialHashKey);
        Assert.Equal("acme-corp", settings.DeploymentOrg.Value);
        Assert.True(settings.DeploymentOrgConfigured);
    }

    [Fact]
    public void Read_AppRoleMissingInDev_FallsBackToDatabaseUrl()
    {
        var settings = Read(("DATABASE_URL", OwnerUrl));

        Assert.Equal(settings.DatabaseUrl, settings.RuntimeUrl);
    }

    [Fact]
    public void Read_AppRoleMissingInProduction_NamesTheVariable()
    {
        var error = ReadFails(("DATABASE_URL", OwnerUrl), ("DEPLOYMENT_KIND", "production"), ("AXONFLOW_CREDENTIAL_HASH_KEY", new string('k', 40)));

        Assert.Contains(error.Errors, e => e.StartsWith("AXONFLOW_DB_APP_ROLE_URL is required when AXONFLOW_DB_USE_APP_ROLE=true", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_LegacyPosture_UsesDatabaseUrlForTraffic()
    {
        var settings = Read(("DATABASE_URL", OwnerUrl), ("AXONFLOW_DB_USE_APP_ROLE", "false"), ("DEPLOYMENT_KIND", "production"), ("AXONFLOW_CREDENTIAL_HASH_KEY", new string('k', 40)));

        Assert.Equal(settings.DatabaseUrl, settings.RuntimeUrl);
    }

    [Fact]
    public void Read_LegacyPostureWithoutDatabaseUrl_NamesTheVariable()
    {
        var error = ReadFails(("AXONFLOW_DB_APP_ROLE_URL", AppUrl), ("AXONFLOW_DB_USE_APP_ROLE", "false"));

        Assert.Contains(error.Errors, e => e.StartsWith("DATABASE_URL is required when AXONFLOW_DB_USE_APP_ROLE=false", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_ProductionWithoutDatabase_RefusesTheEmbeddedDefault()
    {
        var error = ReadFails(("DEPLOYMENT_KIND", "production"), ("AXONFLOW_CREDENTIAL_HASH_KEY", new string('k', 40)));

        Assert.Contains(error.Errors, e => e.Contains("the embedded database is for development only", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_ProductionWithoutHashKey_NamesTheVariable()
    {
        var error = ReadFails(("DEPLOYMENT_KIND", "production"), ("AXONFLOW_DB_APP_ROLE_URL", AppUrl), ("DATABASE_URL", OwnerUrl));

        Assert.Contains(error.Errors, e => e.StartsWith("AXONFLOW_CREDENTIAL_HASH_KEY is required when DEPLOYMENT_KIND=production", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_CommunitySaas_EnablesItsThreeWorkersByDefault()
    {
        var settings = Read(("DEPLOYMENT_MODE", "community-saas"));

        Assert.Equal([AdminPoolWorker.CommunitySaasSweep, AdminPoolWorker.CommunitySaasRecovery, AdminPoolWorker.CommunitySaasDelete], settings.EnabledWorkers.Order());
    }

    [Fact]
    public void Guards_AllSixWorkersWithoutAdminUrl_RefuseBootWithTheirPrefixes()
    {
        var settings = Read(
            ("DATABASE_URL", OwnerUrl), ("AXONFLOW_DB_APP_ROLE_URL", AppUrl), ("DEPLOYMENT_MODE", "community-saas"),
            ("ENABLE_NODE_MONITOR", "true"), ("ENABLE_MARKETPLACE_METERING", "true"), ("ENABLE_CUSTOMER_PORTAL", "true"), ("ADMIN_API_KEY", "admin-key-0123456789"));

        var fatal = BootGuards.Evaluate(settings, platformAdminConfigured: settings.PlatformAdminUrl is not null);

        Assert.Equal(["[Marketplace]", "[NodeMonitor]", "[CSAAS-SWEEP]", "[CSAAS-RECOVERY]", "[CSAAS-DELETE]", "[customer-portal]"], fatal.Select(l => l.Split(' ')[0]));
        Assert.All(fatal, l => Assert.Contains(" FATAL: AXONFLOW_DB_PLATFORM_ADMIN_URL is required when AXONFLOW_DB_USE_APP_ROLE=true", l, StringComparison.Ordinal));
    }

    [Fact]
    public void Guards_WithAdminUrl_NoneFires()
    {
        var settings = Read(
            ("DATABASE_URL", OwnerUrl), ("AXONFLOW_DB_APP_ROLE_URL", AppUrl), ("AXONFLOW_DB_PLATFORM_ADMIN_URL", AdminUrl), ("DEPLOYMENT_MODE", "community-saas"),
            ("ENABLE_NODE_MONITOR", "true"), ("ENABLE_MARKETPLACE_METERING", "true"), ("ENABLE_CUSTOMER_PORTAL", "true"), ("ADMIN_API_KEY", "admin-key-0123456789"));

        Assert.Empty(BootGuards.Evaluate(settings, platformAdminConfigured: settings.PlatformAdminUrl is not null));
    }

    [Fact]
    public void Guards_LegacyPosture_NoneFires()
    {
        var settings = Read(("DATABASE_URL", OwnerUrl), ("AXONFLOW_DB_USE_APP_ROLE", "false"), ("ENABLE_NODE_MONITOR", "true"));

        Assert.Empty(BootGuards.Evaluate(settings, platformAdminConfigured: false));
    }

    [Fact]
    public void Create_WithAFiringGuard_RefusesToBuildTheHost()
    {
        var settings = Read(("DATABASE_URL", OwnerUrl), ("AXONFLOW_DB_APP_ROLE_URL", AppUrl), ("ENABLE_NODE_MONITOR", "true"));
        var runtime = new AxonFlowRuntime(settings, settings.RuntimeUrl!, null, new string('k', 40));

        var error = Assert.Throws<BootRefusedException>(() => AxonFlowApplication.Create(runtime));

        Assert.StartsWith("[NodeMonitor] FATAL:", Assert.Single(error.FatalLines), StringComparison.Ordinal);
    }
}
