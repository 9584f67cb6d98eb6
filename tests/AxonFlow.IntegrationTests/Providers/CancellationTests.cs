using System.Diagnostics;
using AxonFlow.Server.Providers;
using Microsoft.Extensions.Time.Testing;

namespace AxonFlow.IntegrationTests.Providers;

/// <summary>The caller going away stops the upstream call, is classified ClientAborted, and is never held against a provider.</summary>
public sealed class CancellationTests : IAsyncLifetime
{
    private FakeProviderServer _openAi = null!;
    private FakeProviderServer _anthropic = null!;

    public async ValueTask InitializeAsync()
    {
        _openAi = await FakeProviderServer.StartAsync();
        _anthropic = await FakeProviderServer.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _openAi.DisposeAsync();
        await _anthropic.DisposeAsync();
    }

    private RouterConfig OpenAiFirst() =>
        new RouterConfig().OpenAi(_openAi).Anthropic(_anthropic).Strategy("failover").With("DEFAULT_LLM_PROVIDER", "openai");

    private static async Task<LlmResult> CancelledAfterAsync(RouterHost host, TimeSpan after)
    {
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        caller.CancelAfter(after);
        return await host.Router.CompleteAsync(LlmRequests.Chat("a slow question"), caller.Token);
    }

    [Fact]
    public async Task CompleteAsync_CallerCancelsWhileTheProviderIsSlow_ReturnsClientAborted()
    {
        _openAi.Behavior = FakeBehavior.Hang;
        await using var host = OpenAiFirst().Start();

        var failure = Assert.IsType<LlmResult.Failure>(await CancelledAfterAsync(host, TimeSpan.FromMilliseconds(200)));

        Assert.Equal(LlmFailureKind.ClientAborted, failure.Kind);
        Assert.Equal("openai", failure.Provider);
        Assert.Equal(0, _anthropic.RequestCount);
        Assert.Equal(new ProviderHealth("openai", "openai", true, "closed", 1, 0, null), host.HealthOf("openai"));
    }

    [Fact]
    public async Task CompleteAsync_CallerCancels_StopsTheUpstreamRequest()
    {
        _openAi.Behavior = FakeBehavior.Hang;
        await using var host = OpenAiFirst().Start();

        await CancelledAfterAsync(host, TimeSpan.FromMilliseconds(200));

        var waited = Stopwatch.StartNew();
        while (_openAi.AbortedCount == 0 && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.Equal(1, _openAi.AbortedCount);
    }

    [Fact]
    public async Task CompleteAsync_ManyCancellations_NeverOpenTheCircuit()
    {
        _openAi.Behavior = FakeBehavior.Hang;
        await using var host = OpenAiFirst().Start();

        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(LlmFailureKind.ClientAborted, Assert.IsType<LlmResult.Failure>(await CancelledAfterAsync(host, TimeSpan.FromMilliseconds(50))).Kind);
        }

        _openAi.Behavior = FakeBehavior.Answer;
        Assert.Equal("openai", (await host.SucceedAsync()).Provider);
        Assert.Equal(0, host.HealthOf("openai").Failures);
    }

    [Fact]
    public async Task CompleteAsync_AlreadyCancelled_CallsNoProvider()
    {
        await using var host = OpenAiFirst().Start();

        var result = await host.Router.CompleteAsync(LlmRequests.Chat("hi"), new CancellationToken(canceled: true));

        Assert.Equal(LlmFailureKind.ClientAborted, Assert.IsType<LlmResult.Failure>(result).Kind);
        Assert.Equal(0, _openAi.RequestCount + _anthropic.RequestCount);
    }

    [Fact]
    public async Task CompleteAsync_CallerCancelsTheHalfOpenProbe_TheNextRequestProbes()
    {
        var time = new FakeTimeProvider();
        _openAi.Behavior = FakeBehavior.ServerError;
        await using var host = new RouterConfig().OpenAi(_openAi).Start(time);
        for (var i = 0; i < 5; i++)
        {
            await host.FailAsync();
        }

        time.Advance(TimeSpan.FromSeconds(30));
        _openAi.Behavior = FakeBehavior.Hang;
        Assert.Equal(LlmFailureKind.ClientAborted, Assert.IsType<LlmResult.Failure>(await CancelledAfterAsync(host, TimeSpan.FromMilliseconds(100))).Kind);

        _openAi.Behavior = FakeBehavior.Answer;
        Assert.Equal("openai", (await host.SucceedAsync()).Provider);
        Assert.Equal("closed", host.HealthOf("openai").CircuitState);
    }
}
