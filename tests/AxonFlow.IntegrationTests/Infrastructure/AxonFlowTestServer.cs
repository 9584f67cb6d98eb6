using System.Net.Http.Headers;
using System.Text;
using AxonFlow.Core.Identity;
using AxonFlow.Postgres.Credentials;
using AxonFlow.Server.Configuration;
using AxonFlow.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace AxonFlow.IntegrationTests.Infrastructure;

/// <summary>The real agent pipeline on Kestrel, bound to a loopback port, over a test database's app and admin roles.</summary>
public sealed class AxonFlowTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AxonFlowTestServer(WebApplication app, HttpClient client, CapturingLoggerProvider logs)
    {
        _app = app;
        Client = client;
        Logs = logs;
    }

    public HttpClient Client { get; }

    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => _app.Services;

    public ApiKeyStore ApiKeys => Services.GetRequiredService<ApiKeyStore>();

    public static async Task<AxonFlowTestServer> StartAsync(
        TestDatabase database,
        Func<AxonFlowSettings, AxonFlowSettings>? configureSettings = null,
        TimeProvider? timeProvider = null,
        string? appConnectionString = null,
        IReadOnlyDictionary<string, string?>? providerSettings = null,
        Action<IServiceCollection>? services = null,
        bool withPlatformAdmin = true)
    {
        var settings = new AxonFlowSettings { Home = Path.Combine(Path.GetTempPath(), "axonflow-test-home") };
        settings = configureSettings?.Invoke(settings) ?? settings;
        var runtime = new AxonFlowRuntime(
            settings,
            appConnectionString ?? database.ConnectionStrings.App,
            withPlatformAdmin ? database.ConnectionStrings.PlatformAdmin : null,
            "test-credential-hash-key-0123456789abcdef")
        {
            // Explicit provider settings (none = the built-in local provider), never the test process's environment.
            ProviderConfiguration = new ConfigurationBuilder().AddInMemoryCollection(providerSettings ?? new Dictionary<string, string?>()).Build(),
        };
        var logs = new CapturingLoggerProvider();
        var app = AxonFlowApplication.Create(runtime, builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.AddProvider(logs);
            builder.Logging.AddFilter<CapturingLoggerProvider>("AxonFlow", LogLevel.Debug);
            if (timeProvider is not null)
            {
                builder.Services.Replace(ServiceDescriptor.Singleton(timeProvider));
            }

            services?.Invoke(builder.Services);
        });
        try
        {
            await app.StartAsync(TestContext.Current.CancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        return new AxonFlowTestServer(app, client, logs);
    }

    public Task<IssuedCredential> IssueCredentialAsync(string org, string client, DateTimeOffset? expiresAt = null) =>
        ApiKeys.IssueAsync(OrgId.Create(org), ClientId.Create(client), "test", expiresAt, TestContext.Current.CancellationToken);

    public static AuthenticationHeaderValue Basic(string clientId, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
