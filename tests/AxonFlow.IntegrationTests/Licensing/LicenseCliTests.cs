using AxonFlow.IntegrationTests.Cli;

namespace AxonFlow.IntegrationTests.Licensing;

/// <summary>`axonflow license keygen|issue|inspect|verify` through the real executable.</summary>
public sealed class LicenseCliTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _keys = Path.Combine(Path.GetTempPath(), $"axonflow-keys-{Guid.NewGuid().ToString("N")[..8]}");

    private static string Expires => TimeProvider.System.GetUtcNow().AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        if (Directory.Exists(_keys))
        {
            Directory.Delete(_keys, recursive: true);
        }
    }

    [Fact]
    public async Task Keygen_WritesAnOwnerOnlyPrivateKey_AndPrintsOnlyThePublicHalf()
    {
        var (exitCode, stdout, stderr) = await CliProcess.RunAsync(null, "license", "keygen", "--out", _keys, "--kid", "issuer-2026");

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, stderr);
        var privatePath = Path.Combine(_keys, "license.key");
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(privatePath));
        var seed = File.ReadAllText(privatePath).Trim().Split('=', 2)[1];
        var publicLine = File.ReadAllText(Path.Combine(_keys, "license.pub")).Trim();
        Assert.StartsWith("issuer-2026=", publicLine, StringComparison.Ordinal);
        Assert.DoesNotContain(seed, stdout, StringComparison.Ordinal);
        Assert.Contains($"public key (base64): {publicLine.Split('=', 2)[1]}", stdout, StringComparison.Ordinal);
        Assert.Contains(privatePath, stdout, StringComparison.Ordinal);
        Assert.Contains($"AXONFLOW_LICENSE_PUBLIC_KEYS={publicLine}", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keygen_NeverOverwritesAKeyPair()
    {
        await CliProcess.RunAsync(null, "license", "keygen", "--out", _keys);
        var before = File.ReadAllText(Path.Combine(_keys, "license.key"));

        var (exitCode, _, stderr) = await CliProcess.RunAsync(null, "license", "keygen", "--out", _keys);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("axonflow license keygen:", Assert.Single(Lines(stderr)), StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Path.Combine(_keys, "license.key")));
    }

    [Fact]
    public async Task IssueThenVerify_IsValid_AndATamperedTokenIsInvalidWithItsReason()
    {
        await CliProcess.RunAsync(null, "license", "keygen", "--out", _keys);
        var (issueExit, token, issueErr) = await CliProcess.RunAsync(
            null, "license", "issue", "--key-dir", _keys, "--tier", "enterprise", "--aud", "axonflow.self_hosted.full",
            "--deployment-id", "acme", "--expires", Expires, "--max-nodes", "3");
        token = token.Trim();

        var (verifyExit, verifyOut, _) = await CliProcess.RunAsync(null, "license", "verify", "--key-dir", _keys, token);
        var tampered = token[..^10] + (token[^10] == 'A' ? 'B' : 'A') + token[^9..];
        var (badExit, badOut, badErr) = await CliProcess.RunAsync(null, "license", "verify", "--key-dir", _keys, tampered);

        Assert.Equal(0, issueExit);
        Assert.Equal(string.Empty, issueErr);
        Assert.StartsWith("AXON-", token, StringComparison.Ordinal);
        Assert.Equal(0, verifyExit);
        Assert.Contains("valid for the self-hosted deployment loader", verifyOut, StringComparison.Ordinal);
        Assert.Contains("tier enterprise, organization acme", verifyOut, StringComparison.Ordinal);
        Assert.Equal(1, badExit);
        Assert.Equal(string.Empty, badOut);
        Assert.StartsWith("axonflow license verify: invalid (bad_signature):", Assert.Single(Lines(badErr)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_PluginTokenOnTheDeploymentLoader_IsCrossQuadrant_AndValidOnThePluginPath()
    {
        await CliProcess.RunAsync(null, "license", "keygen", "--out", _keys);
        var (_, token, _) = await CliProcess.RunAsync(
            null, "license", "issue", "--key-dir", _keys, "--tier", "pro", "--aud", "axonflow.saas.plugin", "--client", "cs_abc", "--expires", Expires);

        var (deployExit, _, deployErr) = await CliProcess.RunAsync(null, "license", "verify", "--key-dir", _keys, token.Trim());
        var (pluginExit, pluginOut, _) = await CliProcess.RunAsync(null, "license", "verify", "--key-dir", _keys, "--context", "saas-plugin", token.Trim());

        Assert.Equal(1, deployExit);
        Assert.Contains("invalid (cross_quadrant)", deployErr, StringComparison.Ordinal);
        Assert.Equal(0, pluginExit);
        Assert.Contains("client cs_abc", pluginOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_WithoutKeys_DecodesButSaysItDidNotVerify_WithKeysShowsEveryContext()
    {
        await CliProcess.RunAsync(null, "license", "keygen", "--out", _keys);
        var (_, token, _) = await CliProcess.RunAsync(
            null, "license", "issue", "--key-dir", _keys, "--tier", "professional", "--aud", "axonflow.self_hosted.sdk", "--org-id", "legacy-org", "--expires", Expires);

        var (plainExit, plain, _) = await CliProcess.RunAsync(null, "license", "inspect", token.Trim());
        var (keyedExit, keyed, _) = await CliProcess.RunAsync(null, "license", "inspect", "--key-dir", _keys, token.Trim());

        Assert.Equal(0, plainExit);
        Assert.Contains("signature: NOT VERIFIED", plain, StringComparison.Ordinal);
        Assert.Contains("\"org_id\": \"legacy-org\"", plain, StringComparison.Ordinal);
        Assert.Contains("\"v\": 2", plain, StringComparison.Ordinal);
        Assert.Equal(0, keyedExit);
        Assert.Contains("signature: valid", keyed, StringComparison.Ordinal);
        Assert.Contains("hosting self_hosted, scope sdk", keyed, StringComparison.Ordinal);
        Assert.Contains("the self-hosted deployment loader: accepted", keyed, StringComparison.Ordinal);
        Assert.Contains("the SaaS plugin path: refused (cross_quadrant)", keyed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_TokenFromStandardInput_KeepsItOffTheCommandLine()
    {
        await CliProcess.RunAsync(null, "license", "keygen", "--out", _keys);
        var (_, token, _) = await CliProcess.RunAsync(
            null, "license", "issue", "--key-dir", _keys, "--tier", "enterprise", "--aud", "axonflow.self_hosted.full", "--deployment-id", "acme", "--expires", Expires);

        var (exitCode, stdout, stderr) = await CliProcess.RunWithInputAsync(token, "license", "verify", "--key-dir", _keys, "-");

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("valid for the self-hosted deployment loader", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_WithAWorldReadablePrivateKey_IsRefused()
    {
        await CliProcess.RunAsync(null, "license", "keygen", "--out", _keys);
        File.SetUnixFileMode(Path.Combine(_keys, "license.key"), OwnerOnly | UnixFileMode.OtherRead);

        var (exitCode, stdout, stderr) = await CliProcess.RunAsync(
            null, "license", "issue", "--key-dir", _keys, "--tier", "enterprise", "--aud", "axonflow.self_hosted.full", "--deployment-id", "acme", "--expires", Expires);

        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("chmod 600", Assert.Single(Lines(stderr)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--tier", "gold", "--tier must be one of")]
    [InlineData("--aud", "axonflow.cloud.full", "--aud must be one of")]
    [InlineData("--expires", "2020-01-01", "--expires must be a date YYYY-MM-DD, today or later")]
    [InlineData("--expires", "30/06/2027", "--expires must be a date")]
    [InlineData("--max-nodes", "0", "--max-nodes must be a whole number from 1")]
    [InlineData("--max-nodes", "many", "many")]
    [InlineData("--deployment-id", "has space", "--deployment-id must be")]
    [InlineData("--org-id", "other", "--org-id is an alias of --deployment-id")]
    [InlineData("--feature", "Bad Feature", "--feature must be")]
    public async Task Issue_BadArgument_IsAUsageErrorOfOneLine(string option, string value, string expected)
    {
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["--key-dir"] = _keys, ["--tier"] = "enterprise", ["--aud"] = "axonflow.self_hosted.full", ["--deployment-id"] = "acme", ["--expires"] = Expires,
        };
        arguments[option] = value;

        var (exitCode, stdout, stderr) = await CliProcess.RunAsync(null, ["license", "issue", .. arguments.SelectMany(a => new[] { a.Key, a.Value })]);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, stdout);
        var line = Assert.Single(Lines(stderr));
        Assert.StartsWith("axonflow license issue: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("license", "issue", "--tier", "pro", "--aud", "axonflow.saas.plugin", "--expires", "2099-01-01", "--key-dir", "/tmp")]
    [InlineData("license", "issue", "--tier", "enterprise", "--aud", "axonflow.self_hosted.full", "--expires", "2099-01-01", "--key-dir", "/tmp")]
    [InlineData("license", "verify", "AXON-x.y")]
    [InlineData("license", "inspect")]
    [InlineData("license", "verify", "--key-dir", "/tmp", "--context", "cloud", "AXON-x.y")]
    [InlineData("license")]
    public async Task UsageErrors_ExitTwoWithOneLine(params string[] arguments)
    {
        var (exitCode, _, stderr) = await CliProcess.RunAsync(null, arguments);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("axonflow license", Assert.Single(Lines(stderr)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("license", "--help")]
    [InlineData("license", "keygen", "--help")]
    [InlineData("license", "issue", "--help")]
    [InlineData("license", "inspect", "--help")]
    [InlineData("license", "verify", "--help")]
    public async Task Help_WorksOnEveryLicenseCommand(params string[] arguments)
    {
        var (exitCode, stdout, _) = await CliProcess.RunAsync(null, arguments);

        Assert.Equal(0, exitCode);
        Assert.Contains("Usage:", stdout, StringComparison.Ordinal);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
