using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Server.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AxonFlow.IntegrationTests.Providers;

/// <summary>The router as the host will build it: <c>AddLlmProviders</c> on a real service provider, with captured logs.</summary>
public sealed class RouterHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private RouterHost(ServiceProvider services, CapturingLoggerProvider logs)
    {
        _services = services;
        Logs = logs;
        Router = services.GetRequiredService<ILlmRouter>();
    }

    public ILlmRouter Router { get; }

    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => _services;

    public static RouterHost Start(IReadOnlyDictionary<string, string?> values, TimeProvider? timeProvider = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        services.AddLlmProviders(configuration);
        return new RouterHost(services.BuildServiceProvider(), logs);
    }

    public Task<LlmResult> CompleteAsync(LlmRequest request) => Router.CompleteAsync(request, TestContext.Current.CancellationToken);

    public Task<LlmResult> CompleteAsync(string prompt) => CompleteAsync(LlmRequests.Chat(prompt));

    public async Task<LlmCompletion> SucceedAsync(string prompt = "What is the weather today?") =>
        Assert.IsType<LlmResult.Success>(await CompleteAsync(prompt)).Completion;

    public async Task<LlmResult.Failure> FailAsync(string prompt = "What is the weather today?") =>
        Assert.IsType<LlmResult.Failure>(await CompleteAsync(prompt));

    public ProviderHealth HealthOf(string name) => Assert.Single(Router.Health, h => h.Name == name);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
