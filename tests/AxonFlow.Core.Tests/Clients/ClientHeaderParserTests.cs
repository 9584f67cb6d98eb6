using AxonFlow.Core.Clients;
using AxonFlow.Core.Licensing;

namespace AxonFlow.Core.Tests.Clients;

public sealed class ClientHeaderParserTests
{
    [Theory]
    [InlineData("openclaw/2.2.0", "openclaw", "2.2.0", LicenseScope.Plugin)]
    [InlineData("claude-code-plugin/1.2.0", "claude-code-plugin", "1.2.0", LicenseScope.Plugin)]
    [InlineData("cursor-plugin/1.2.0", "cursor-plugin", "1.2.0", LicenseScope.Plugin)]
    [InlineData("codex-plugin/1.2.0", "codex-plugin", "1.2.0", LicenseScope.Plugin)]
    [InlineData("n8n-plugin/0.3.1", "n8n-plugin", "0.3.1", LicenseScope.Plugin)]
    [InlineData("sdk-typescript/7.1.0", "sdk-typescript", "7.1.0", LicenseScope.Sdk)]
    [InlineData("sdk-go/7.1.0", "sdk-go", "7.1.0", LicenseScope.Sdk)]
    [InlineData("sdk-python/8.1.0", "sdk-python", "8.1.0", LicenseScope.Sdk)]
    [InlineData("sdk-java/8.1.0-rc.1+build.7", "sdk-java", "8.1.0-rc.1+build.7", LicenseScope.Sdk)]
    [InlineData("sdk-cobol/1.0", "sdk-cobol", "1.0", LicenseScope.Sdk)]
    [InlineData("my-app/3", "my-app", "3", LicenseScope.Full)]
    [InlineData("sdk-/1.0.0", "sdk-", "1.0.0", LicenseScope.Full)]
    [InlineData("openclaw-fork/2.2.0", "openclaw-fork", "2.2.0", LicenseScope.Full)]
    [InlineData("SDK-Go/8.1.0", "sdk-go", "8.1.0", LicenseScope.Sdk)]
    [InlineData("  OpenClaw/2.5.0\t", "openclaw", "2.5.0", LicenseScope.Plugin)]
    [InlineData("team_tool.v2/10.20.30", "team_tool.v2", "10.20.30", LicenseScope.Full)]
    public void Parse_WellFormed_ReadsNameVersionAndScope(string header, string name, string version, LicenseScope scope)
    {
        var client = ClientHeaderParser.Parse(header);

        Assert.Equal(name, client.ClientName);
        Assert.Equal(version, client.Version?.ToString());
        Assert.Equal(scope, client.Scope);
        Assert.True(client.HeaderPresent);
        Assert.True(client.IsIdentified);
        Assert.False(client.IsMalformed);
        Assert.Equal($"{name}/{version}", client.HeaderValue);
    }

    [Theory]
    [InlineData("openclaw")]
    [InlineData("openclaw/")]
    [InlineData("/2.2.0")]
    [InlineData("openclaw/2.2.0/extra")]
    [InlineData("openclaw 2.2.0")]
    [InlineData("open claw/2.2.0")]
    [InlineData("openclaw/2.2.0, sdk-go/8.1.0")]
    [InlineData("openclaw/latest")]
    [InlineData("openclaw/v2.2.0")]
    [InlineData("openclaw/2.2.0.1")]
    [InlineData("openclaw/02.2.0")]
    [InlineData("openclaw/2.2.0-")]
    [InlineData("openclaw/2.2.0-rc..1")]
    [InlineData("openclaw/2.2.0-01")]
    [InlineData("openclaw/2.2.0+")]
    [InlineData("openclaw/2.2.0 ;drop")]
    [InlineData("-openclaw/2.2.0")]
    [InlineData(".hidden/1.0.0")]
    [InlineData("sdk-go/8.1.0\u0007")]
    [InlineData("sdk-go\n/8.1.0")]
    [InlineData("sdk-gö/8.1.0")]
    [InlineData("<script>/1.0.0")]
    [InlineData("sdk-go/9999999999.0.0")]
    public void Parse_Malformed_CountsAsAbsentButPresent(string header)
    {
        var client = ClientHeaderParser.Parse(header);

        Assert.True(client.IsMalformed);
        Assert.True(client.HeaderPresent);
        Assert.False(client.IsIdentified);
        Assert.Null(client.ClientName);
        Assert.Null(client.Version);
        Assert.Equal(LicenseScope.Full, client.Scope);
        Assert.Null(client.HeaderValue);
        Assert.Equal(ClientIdentification.MalformedLabel, client.TelemetryLabel);
    }

    [Fact]
    public void Parse_OverlongValues_AreMalformed()
    {
        Assert.True(ClientHeaderParser.Parse(new string('a', 65) + "/1.0.0").IsMalformed);
        Assert.True(ClientHeaderParser.Parse("sdk-go/1.0.0-" + new string('a', 60)).IsMalformed);
        Assert.True(ClientHeaderParser.Parse(new string('a', 64) + "/1.0.0-" + new string('b', 60)).IsMalformed);
        Assert.False(ClientHeaderParser.Parse(new string('a', 64) + "/1.0.0").IsMalformed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_Absent_IsFullScopeWithoutHeader(string? header)
    {
        var client = ClientHeaderParser.Parse(header);

        Assert.Same(ClientIdentification.Absent, client);
        Assert.False(client.HeaderPresent);
        Assert.False(client.IsMalformed);
        Assert.Equal(LicenseScope.Full, client.Scope);
        Assert.Equal(ClientIdentification.NoneLabel, client.TelemetryLabel);
    }

    [Theory]
    [InlineData("openclaw/2.2.0", "openclaw")]
    [InlineData("sdk-rust/0.1.0", "sdk-rust")]
    [InlineData("sdk-cobol/1.0.0", "other")]
    [InlineData("my-app/1.0.0", "other")]
    public void TelemetryLabel_NamesKnownClientsOnly(string header, string label) =>
        Assert.Equal(label, ClientHeaderParser.Parse(header).TelemetryLabel);
}
