namespace AxonFlow.IntegrationTests.Cli;

/// <summary>The command tree as an operator meets it: help everywhere, one-line usage errors with exit 2.</summary>
public sealed class CliUsageTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("serve", "--help")]
    [InlineData("migrate", "--help")]
    [InlineData("migrate", "status", "--help")]
    [InlineData("migrate", "up", "--help")]
    [InlineData("migrate", "down", "--help")]
    [InlineData("portal", "--help")]
    [InlineData("portal", "user", "add", "--help")]
    [InlineData("preflight", "--help")]
    [InlineData("provision-app-role", "--help")]
    public async Task Help_WorksOnEveryCommand(params string[] arguments)
    {
        var (exitCode, stdout, _) = await CliProcess.RunAsync(null, arguments);

        Assert.Equal(0, exitCode);
        Assert.Contains("Usage:", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("serve", "--bogus")]
    [InlineData("migrate", "up", "--nope")]
    [InlineData("migrate", "down")]
    [InlineData("frobnicate")]
    [InlineData("migrate")]
    [InlineData("portal", "user", "add", "--org", "o")]
    [InlineData("portal", "user")]
    [InlineData("preflight", "--backup-evidence")]
    [InlineData("provision-app-role", "--force")]
    public async Task UsageError_ExitsTwoWithOneLine(params string[] arguments)
    {
        var (exitCode, stdout, stderr) = await CliProcess.RunAsync(null, arguments);

        Assert.Equal(2, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("axonflow", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_InvalidConfiguration_ExitsOneNamingTheVariable()
    {
        var (exitCode, _, stderr) = await CliProcess.RunAsync(new Dictionary<string, string> { ["DEPLOYMENT_MODE"] = "hosted", ["ORG_ID"] = "has space" }, "serve");

        Assert.Equal(1, exitCode);
        Assert.Contains("DEPLOYMENT_MODE must be one of community, community-saas, saas, enterprise, but was 'hosted'.", stderr, StringComparison.Ordinal);
        Assert.Contains("ORG_ID must be", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_WorkersWithoutAdminUrl_PrintSixFatalLinesAndExitOne()
    {
        var environment = new Dictionary<string, string>
        {
            ["DATABASE_URL"] = "postgres://axonflow:owner@db.invalid:5432/axonflow",
            ["AXONFLOW_DB_APP_ROLE_URL"] = "postgres://axonflow_app_role:app@db.invalid:5432/axonflow",
            ["DEPLOYMENT_MODE"] = "community-saas",
            ["ENABLE_MARKETPLACE_METERING"] = "true",
            ["ENABLE_NODE_MONITOR"] = "true",
            ["ENABLE_CUSTOMER_PORTAL"] = "true",
            ["ADMIN_API_KEY"] = "admin-key-0123456789",
        };

        var (exitCode, _, stderr) = await CliProcess.RunAsync(environment, "serve");

        Assert.Equal(1, exitCode);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["[Marketplace]", "[NodeMonitor]", "[CSAAS-SWEEP]", "[CSAAS-RECOVERY]", "[CSAAS-DELETE]", "[customer-portal]"], lines.Select(l => l.Split(' ')[0]));
        Assert.All(lines, l => Assert.Contains("FATAL: AXONFLOW_DB_PLATFORM_ADMIN_URL is required when AXONFLOW_DB_USE_APP_ROLE=true", l, StringComparison.Ordinal));
        Assert.DoesNotContain("owner@", stderr, StringComparison.Ordinal);
    }
}
