using System.Net;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.IntegrationTests.Portal;

namespace AxonFlow.IntegrationTests.Cli;

/// <summary><c>axonflow portal user add</c> against a real database, then a real login with the password it set.</summary>
public sealed class CliPortalUserTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private Dictionary<string, string> Environment => new() { ["DATABASE_URL"] = fixture.Database.ConnectionStrings.Owner };

    [Fact]
    public async Task UserAdd_GeneratedPassword_IsPrintedOnceAndLogsIn()
    {
        await PortalSeed.OrganizationAsync(fixture.Database, "cli-org", "CLI Org");

        var (exitCode, stdout, stderr) = await CliProcess.RunAsync(Environment, "portal", "user", "add", "--org", "cli-org", "--email", "cli-admin@example.test", "--role", "admin", "--name", "CLI Admin");

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("Created portal user cli-admin@example.test (admin) in cli-org", stdout, StringComparison.Ordinal);
        var password = stdout.Split('\n').Single(l => l.StartsWith("Password (shown once", StringComparison.Ordinal)).Split(": ", 2)[1].Trim();
        await using var server = await AxonFlowTestServer.StartAsync(fixture.Database);
        using var browser = PortalBrowser.For(server);
        var login = await HttpAssert.JsonAsync(await browser.LoginAsync("cli-admin@example.test", password), HttpStatusCode.OK);
        Assert.Equal("admin", login.GetProperty("user").GetProperty("role").GetString());
        Assert.Equal("CLI Admin", login.GetProperty("name").GetString());
        Assert.Equal(0L, await PortalSeed.CountAsync(fixture.Database, "SELECT count(*) FROM portal_users WHERE password_hash LIKE '%' || $1 || '%'", password));
        Assert.Equal(1L, await PortalSeed.CountAsync(fixture.Database, "SELECT count(*) FROM portal_users WHERE email = 'cli-admin@example.test' AND password_hash LIKE '$argon2id$v=19$m=19456,t=2,p=1$%'"));
    }

    [Fact]
    public async Task UserAdd_PasswordFromStdin_IsNotPrintedAndLogsIn()
    {
        await PortalSeed.OrganizationAsync(fixture.Database, "cli-org-stdin");
        const string password = "a passphrase from a pipe";

        var (exitCode, stdout, stderr) = await CliProcess.RunWithInputAsync(Environment, password + "\n", "portal", "user", "add", "--org", "cli-org-stdin", "--email", "piped@example.test", "--password-stdin");

        Assert.True(exitCode == 0, stderr);
        Assert.DoesNotContain(password, stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", stdout, StringComparison.Ordinal);
        await using var server = await AxonFlowTestServer.StartAsync(fixture.Database);
        using var browser = PortalBrowser.For(server);
        var login = await HttpAssert.JsonAsync(await browser.LoginAsync("piped@example.test", password), HttpStatusCode.OK);
        Assert.Equal("member", login.GetProperty("user").GetProperty("role").GetString());
    }

    [Fact]
    public async Task UserAdd_UnknownOrganizationOrTakenEmail_ExitsOneWithOneLine()
    {
        await PortalSeed.OrganizationAsync(fixture.Database, "cli-org-dup");
        var first = await CliProcess.RunAsync(Environment, "portal", "user", "add", "--org", "cli-org-dup", "--email", "dup@example.test");

        var duplicate = await CliProcess.RunAsync(Environment, "portal", "user", "add", "--org", "cli-org-dup", "--email", "DUP@example.test");
        var unknownOrg = await CliProcess.RunAsync(Environment, "portal", "user", "add", "--org", "no-such-org", "--email", "orphan@example.test");
        var shortPassword = await CliProcess.RunWithInputAsync(Environment, "short\n", "portal", "user", "add", "--org", "cli-org-dup", "--email", "short@example.test", "--password-stdin");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(1, duplicate.ExitCode);
        Assert.Contains("already exists", Assert.Single(duplicate.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Equal(1, unknownOrg.ExitCode);
        Assert.Contains("organization 'no-such-org' does not exist", unknownOrg.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, shortPassword.ExitCode);
        Assert.Contains("must be at least 12 characters", shortPassword.Stderr, StringComparison.Ordinal);
        Assert.Equal(0L, await PortalSeed.CountAsync(fixture.Database, "SELECT count(*) FROM portal_users WHERE email IN ('orphan@example.test', 'short@example.test')"));
    }

    [Theory]
    [InlineData("--role", "owner")]
    [InlineData("--email", "not-an-email")]
    public async Task UserAdd_InvalidOption_IsAUsageError(string option, string value)
    {
        var arguments = new List<string> { "portal", "user", "add", "--org", "cli-org", "--email", "valid@example.test" };
        var index = arguments.IndexOf(option);
        if (index >= 0)
        {
            arguments[index + 1] = value;
        }
        else
        {
            arguments.AddRange([option, value]);
        }

        var (exitCode, _, stderr) = await CliProcess.RunAsync(Environment, [.. arguments]);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("axonflow portal user add:", Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }
}
