using System.Text.Json;
using AxonFlow.Core.Identity;
using AxonFlow.Core.Licensing;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Postgres.Licensing;
using AxonFlow.Server.Licensing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using static AxonFlow.IntegrationTests.Licensing.TestLicenses;

namespace AxonFlow.IntegrationTests.Licensing;

/// <summary>
/// The X-License-Token helper with the seed 002 outcomes, resolved from a running agent (verifier-only plugin key,
/// the real revocation table on PostgreSQL), and the {error, reason} bodies it writes.
/// </summary>
public sealed class LicenseTokenValidatorTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly ClientId Tenant = ClientId.Create("cs_tenant");

    private readonly FakeTimeProvider _time = new(Now);
    private AxonFlowTestServer _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private LicenseTokenValidator Validator => _server.Services.GetRequiredService<LicenseTokenValidator>();

    public async ValueTask InitializeAsync()
    {
        // Verifier-only: the agent gets the plugin public key, never the seed.
        var settings = Read(_time, ("AXONFLOW_PLUGIN_CLAIMED_PUBLIC_KEY", PluginPublicKey));
        _server = await AxonFlowTestServer.StartAsync(fixture.Database, s => settings with { Home = s.Home }, _time);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task NoHeader_IsTheFreeBaseline()
    {
        Assert.IsType<LicenseTokenOutcome.Absent>(await ValidateAsync(null));
        Assert.IsType<LicenseTokenOutcome.Absent>(await ValidateAsync("  "));
    }

    [Fact]
    public async Task ValidPluginToken_IsAcceptedAtItsTier()
    {
        var accepted = Assert.IsType<LicenseTokenOutcome.Accepted>(await ValidateAsync(Plugin(Now)));

        Assert.Equal(LicenseTier.Pro, accepted.Payload.Tier);
        Assert.Equal(Tenant, accepted.Payload.TenantId);
    }

    [Fact]
    public async Task TamperedToken_Is401InvalidLicenseToken()
    {
        var token = Plugin(Now);

        var rejected = await RejectedAsync(token[..^10] + (token[^10] == 'A' ? 'B' : 'A') + token[^9..], 401, "invalid_license_token");

        Assert.StartsWith("Invalid license token: its signature does not verify", rejected.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpiredToken_Is401InvalidLicenseTokenWithoutGrace()
    {
        await RejectedAsync(Plugin(Now, expiresAt: Now.AddSeconds(-1)), 401, "invalid_license_token");
    }

    [Fact]
    public async Task MalformedToken_Is401InvalidLicenseToken()
    {
        await RejectedAsync("AXON-nonsense", 401, "invalid_license_token");
    }

    [Fact]
    public async Task DeploymentLicenseSentAsToken_IsNotVerifiedWithPluginKeys()
    {
        // Deployment licenses are signed by another key: the plugin keyring does not even know its kid.
        var rejected = await RejectedAsync(Deployment(Now), 401, "invalid_license_token");

        Assert.Contains("'deploy-test'", rejected.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("axonflow.self_hosted.full")]
    [InlineData("axonflow.self_hosted.plugin")]
    [InlineData("axonflow.saas.sdk")]
    public async Task AudienceOutsideThePluginAcceptList_Is401CrossQuadrant(string aud)
    {
        Assert.True(LicenseAudience.TryParse(aud, out var audience));

        var rejected = await RejectedAsync(Plugin(Now, audience: audience), 401, "cross_quadrant_token");

        Assert.Contains(aud, rejected.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LicenseScope.Sdk)]
    [InlineData(LicenseScope.Full)]
    public async Task PluginTokenFromAnotherKindOfClient_Is401ScopeMismatch(LicenseScope requestScope)
    {
        var rejected = await RejectedAsync(Plugin(Now), 401, "scope_mismatch", requestScope);

        Assert.Contains("'plugin'", rejected.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FullScopeSaasToken_CoversEveryClient()
    {
        var token = Plugin(Now, audience: LicenseAudience.SaasFull);

        Assert.IsType<LicenseTokenOutcome.Accepted>(await ValidateAsync(token, LicenseScope.Sdk));
        Assert.IsType<LicenseTokenOutcome.Accepted>(await ValidateAsync(token, LicenseScope.Plugin));
    }

    [Fact]
    public async Task SdkPath_AcceptsSdkTokensForSdkClients()
    {
        var token = Plugin(Now, audience: LicenseAudience.SaasSdk);

        var outcome = await Validator.ValidateAsync(token, LicenseScope.Sdk, Tenant, LicenseValidationContext.SaasSdk, Token);

        Assert.IsType<LicenseTokenOutcome.Accepted>(outcome);
    }

    [Fact]
    public async Task TokenOfAnotherClient_Is403TenantMismatch()
    {
        await RejectedAsync(Plugin(Now, client: "cs_someone_else"), 403, "tenant_mismatch");
    }

    [Fact]
    public async Task RevokedToken_Is401OnTheNextRequest()
    {
        var jti = "pro-revoked-" + Guid.NewGuid().ToString("N")[..8];
        var token = Plugin(Now, jti: jti);
        Assert.IsType<LicenseTokenOutcome.Accepted>(await ValidateAsync(token));

        await using (var admin = fixture.Database.CreateAdminDataSource())
        {
            await RevokedLicenseStore.RevokeAsync(admin, jti, "charge.refunded", Token);
        }

        var rejected = await RejectedAsync(token, 401, "license_revoked");
        Assert.Equal("License token has been revoked", rejected.Error);
        Assert.IsType<LicenseTokenOutcome.Accepted>(await ValidateAsync(Plugin(Now)));
    }

    [Fact]
    public async Task RevocationTable_IsReadOnlyForTheAppRole()
    {
        await using var app = fixture.Database.CreateAppDataSource();
        await using var insert = app.CreateCommand("INSERT INTO revoked_license_tokens (jti) VALUES ('x')");

        var error = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync(Token));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task TwoHeaders_AreRefused()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Append(LicenseTokenValidator.HeaderName, Plugin(Now));
        context.Request.Headers.Append(LicenseTokenValidator.HeaderName, Plugin(Now));

        var outcome = await Validator.ValidateAsync(context.Request, LicenseScope.Plugin, Tenant, LicenseValidationContext.SaasPlugin, Token);

        Assert.Equal("invalid_license_token", Assert.IsType<LicenseTokenOutcome.Rejected>(outcome).Reason);
    }

    [Fact]
    public async Task Rejection_IsWrittenAsTheJsonErrorBody()
    {
        var context = new DefaultHttpContext { TraceIdentifier = "req-license-1" };
        context.Request.Headers[LicenseTokenValidator.HeaderName] = Plugin(Now, client: "cs_other");
        context.Response.Body = new MemoryStream();

        var outcome = await Validator.ValidateAsync(context.Request, LicenseScope.Plugin, Tenant, LicenseValidationContext.SaasPlugin, Token);
        await Assert.IsType<LicenseTokenOutcome.Rejected>(outcome).WriteAsync(context);

        Assert.Equal(403, context.Response.StatusCode);
        Assert.StartsWith("application/json", context.Response.ContentType, StringComparison.Ordinal);
        context.Response.Body.Position = 0;
        using var body = await JsonDocument.ParseAsync(context.Response.Body, cancellationToken: Token);
        Assert.Equal("tenant_mismatch", body.RootElement.GetProperty("reason").GetString());
        Assert.Equal("License token is bound to a different client than the one that authenticated", body.RootElement.GetProperty("error").GetString());
        Assert.Equal("req-license-1", body.RootElement.GetProperty("request_id").GetString());
    }

    [Fact]
    public async Task DeploymentContext_IsNotAnXLicenseTokenPath()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            Validator.ValidateAsync(Plugin(Now), LicenseScope.Plugin, Tenant, LicenseValidationContext.SelfHostedDeployment, Token));
    }

    private Task<LicenseTokenOutcome> ValidateAsync(string? token, LicenseScope scope = LicenseScope.Plugin) =>
        Validator.ValidateAsync(token, scope, Tenant, LicenseValidationContext.SaasPlugin, Token);

    private async Task<LicenseTokenOutcome.Rejected> RejectedAsync(string token, int status, string reason, LicenseScope scope = LicenseScope.Plugin)
    {
        var rejected = Assert.IsType<LicenseTokenOutcome.Rejected>(await ValidateAsync(token, scope));
        Assert.Equal(status, rejected.StatusCode);
        Assert.Equal(reason, rejected.Reason);
        Assert.DoesNotContain(token.Length > 40 ? token[5..40] : token, rejected.Error, StringComparison.Ordinal);
        return rejected;
    }
}
