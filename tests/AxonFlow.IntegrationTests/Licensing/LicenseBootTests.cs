using System.Net;
using System.Net.Sockets;
using AxonFlow.IntegrationTests.Cli;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;
using static AxonFlow.IntegrationTests.Infrastructure.AxonFlowTestServer;
using static AxonFlow.IntegrationTests.Licensing.TestLicenses;

namespace AxonFlow.IntegrationTests.Licensing;

/// <summary>`axonflow serve` with a deployment license: an unusable one refuses boot with one line (and never prints the token).</summary>
public sealed class LicenseBootTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Refusals() => new()
    {
        { "tampered", "axonflow: configuration error: AXONFLOW_LICENSE_KEY is not a valid deployment license (bad_signature): its signature does not verify with key 'deploy-test'" },
        { "expired", "axonflow: configuration error: AXONFLOW_LICENSE_KEY is not a valid deployment license (expired): it expired at " },
        { "plugin-token", "axonflow: configuration error: AXONFLOW_LICENSE_KEY is not a valid deployment license (cross_quadrant): its aud is axonflow.saas.plugin" },
        { "missing", "axonflow: configuration error: AXONFLOW_LICENSE_KEY is required when DEPLOYMENT_MODE=enterprise" },
        { "org-mismatch", "axonflow: configuration error: ORG_ID is 'globex' but AXONFLOW_LICENSE_KEY licenses organization 'acme'" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Serve_UnusableLicense_ExitsOneWithOneLineAndNeverPrintsTheToken(string kind, string expected)
    {
        var valid = Deployment(Now);
        var token = kind switch
        {
            "tampered" => valid[..^10] + (valid[^10] == 'A' ? 'B' : 'A') + valid[^9..],
            "expired" => Deployment(Now, expiresAt: Now.AddDays(-30)),
            "plugin-token" => Deployment(Now, audience: Core.Licensing.LicenseAudience.SaasPlugin),
            _ => valid,
        };
        var environment = new Dictionary<string, string>
        {
            ["DEPLOYMENT_MODE"] = "enterprise",
            ["AXONFLOW_LICENSE_PUBLIC_KEYS"] = DeploymentPublicKeys,
            ["AXONFLOW_HOME"] = Path.Combine(Path.GetTempPath(), "axonflow-license-boot"),
        };
        if (kind != "missing")
        {
            environment["AXONFLOW_LICENSE_KEY"] = token;
        }

        if (kind == "org-mismatch")
        {
            environment["ORG_ID"] = "globex";
        }

        var (exitCode, stdout, stderr) = await CliProcess.RunAsync(environment, "serve", "--urls", "http://127.0.0.1:0");

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain(token[5..40], stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(token[^30..], stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_EnterpriseWithValidLicense_ServesTheLicensedOrgAndAcceptsTheKeyAsSecret()
    {
        var token = Deployment(Now, org: "acme", maxNodes: 7);
        var port = FreePort();
        var environment = new Dictionary<string, string>
        {
            ["DEPLOYMENT_MODE"] = "enterprise",
            ["AXONFLOW_LICENSE_KEY"] = token,
            ["AXONFLOW_LICENSE_PUBLIC_KEYS"] = DeploymentPublicKeys,
            ["DATABASE_URL"] = fixture.Database.ConnectionStrings.Owner,
            ["AXONFLOW_DB_APP_ROLE_URL"] = fixture.Database.ConnectionStrings.App,
            ["AXONFLOW_DB_PLATFORM_ADMIN_URL"] = fixture.Database.ConnectionStrings.PlatformAdmin,
            ["AXONFLOW_CREDENTIAL_HASH_KEY"] = "boot-test-credential-hash-key-0123456789",
            ["AXONFLOW_HOME"] = Path.Combine(Path.GetTempPath(), "axonflow-license-boot"),
        };

        using var serve = CliProcess.Start(environment, "serve", "--urls", $"http://127.0.0.1:{port}");
        await serve.WaitForOutputAsync("listening on", TimeSpan.FromSeconds(90));
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var health = await HttpAssert.JsonAsync(await client.GetAsync("/health", Token), HttpStatusCode.OK);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/identity");
        request.Headers.Authorization = Basic("data-team", token);
        var identity = await HttpAssert.JsonAsync(await client.SendAsync(request, Token), HttpStatusCode.OK);
        serve.Terminate();
        Assert.Equal(0, await serve.WaitForExitAsync(TimeSpan.FromSeconds(60)));

        Assert.Equal("enterprise", health.GetProperty("license").GetProperty("tier").GetString());
        Assert.Equal(7, health.GetProperty("license").GetProperty("max_nodes").GetInt32());
        Assert.Equal("acme", identity.GetProperty("org_id").GetString());
        Assert.Equal("data-team", identity.GetProperty("client_id").GetString());
        Assert.Equal("license_key", identity.GetProperty("authenticated_by").GetString());
        Assert.Contains("Deployment license: tier enterprise, organization acme", serve.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(token[5..40], serve.Stdout + serve.Stderr, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
