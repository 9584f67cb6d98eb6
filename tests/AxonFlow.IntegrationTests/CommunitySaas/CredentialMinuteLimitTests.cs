using System.Diagnostics;
using System.Net;
using AxonFlow.Core.CommunitySaas;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Postgres.Credentials;
using AxonFlow.Postgres.OrgScoping;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using static AxonFlow.IntegrationTests.CommunitySaas.TenantRegistrationClient;

namespace AxonFlow.IntegrationTests.CommunitySaas;

/// <summary>
/// COMMUNITY_SAAS_MINUTE_LIMIT: per presented tenant id per minute, checked before the credential lookup and any hash
/// work (429 + Retry-After), and counted the same for registered and unregistered ids.
/// </summary>
public sealed class CredentialMinuteLimitTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const int Limit = 3;

    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());

    private NpgsqlDataSource _lookupPool = null!;
    private AxonFlowTestServer _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // Credential lookups get a pool of one connection, so the test can hold it and prove a request never looked.
        _lookupPool = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(fixture.Database.ConnectionStrings.App) { MaxPoolSize = 1, Timeout = 2 }.ConnectionString);
        _server = await AxonFlowTestServer.StartAsync(
            fixture.Database,
            s => s with
            {
                Mode = Core.Identity.DeploymentMode.CommunitySaas,
                EnabledWorkers = new HashSet<Core.Isolation.AdminPoolWorker>(),
                CommunitySaas = new Server.CommunitySaas.CommunitySaasSettings { RegistrationsPerIpPerHour = 1000, RequestsPerCredentialPerMinute = Limit },
            },
            _time,
            services: services => services.Replace(ServiceDescriptor.Singleton(sp => new ApiKeyStore(
                _lookupPool,
                sp.GetRequiredService<OrgScope>(),
                sp.GetRequiredService<CredentialIssuer>(),
                sp.GetRequiredService<UnregisteredClientCache>(),
                sp.GetRequiredService<TimeProvider>()))));
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _lookupPool.DisposeAsync();
    }

    [Fact]
    public async Task OverTheLimit_Gets429WithRetryAfter_BeforeAnyLookupOrHashWork_AndTheNextMinuteIsAllowed()
    {
        var (tenantId, secret) = await RegisterAsync(_server.Client);
        for (var i = 0; i < Limit; i++)
        {
            await HttpAssert.JsonAsync(await SendAsBasicAsync(_server.Client, HttpMethod.Get, "/api/v1/identity", tenantId, secret), HttpStatusCode.OK);
        }

        HttpResponseMessage limited;
        HttpStatusCode control;
        var clock = Stopwatch.StartNew();
        await using (await _lookupPool.OpenConnectionAsync(Token))
        {
            // With the only lookup connection held, anything that looks a credential up cannot finish in time.
            limited = await SendAsBasicAsync(_server.Client, HttpMethod.Get, "/api/v1/identity", tenantId, secret);
            var limitedAfter = clock.Elapsed;
            using var other = await SendAsBasicAsync(_server.Client, HttpMethod.Get, "/api/v1/identity", CommunitySaasTenantId.NewId(), "axf_anything");
            control = other.StatusCode;
            Assert.True(limitedAfter < TimeSpan.FromSeconds(1.5), $"the limited request waited {limitedAfter}");
        }

        using (limited)
        {
            var json = await HttpAssert.ErrorAsync(limited, HttpStatusCode.TooManyRequests, "rate_limited");
            Assert.NotNull(limited.Headers.RetryAfter?.Delta);
            Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
            Assert.Contains("Too many requests", json.GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        Assert.NotEqual(HttpStatusCode.TooManyRequests, control);
        Assert.NotEqual(HttpStatusCode.OK, control);

        _time.Advance(TimeSpan.FromMinutes(1));
        await HttpAssert.JsonAsync(await SendAsBasicAsync(_server.Client, HttpMethod.Get, "/api/v1/identity", tenantId, secret), HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheLimit_CannotTellARegisteredIdFromAnUnregisteredOne()
    {
        var (registered, _) = await RegisterAsync(_server.Client);
        var unregistered = CommunitySaasTenantId.NewId();

        var asRegistered = await AnswersAsync(registered);
        var asUnregistered = await AnswersAsync(unregistered);

        Assert.Equal(asRegistered, asUnregistered);
        Assert.Equal(
            [(401, "Invalid credentials or registration expired"), (401, "Invalid credentials or registration expired"), (401, "Invalid credentials or registration expired"), (429, "Too many requests for this tenant; retry after the Retry-After interval")],
            asRegistered.Select(a => (a.Status, a.Error)));
    }

    private async Task<List<(int Status, string Error, string? RetryAfter)>> AnswersAsync(string tenantId)
    {
        var answers = new List<(int, string, string?)>();
        for (var i = 0; i <= Limit; i++)
        {
            using var response = await SendAsBasicAsync(_server.Client, HttpMethod.Post, "/api/v1/audit/search", tenantId, "axf_wrong-secret", "{}");
            using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
            answers.Add(((int)response.StatusCode, json.RootElement.GetProperty("error").GetString()!, response.Headers.RetryAfter?.ToString()));
        }

        return answers;
    }
}
