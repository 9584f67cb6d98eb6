using AxonFlow.Server.Providers;
using AxonFlow.Server.Providers.Routing;
using Microsoft.Extensions.Time.Testing;

namespace AxonFlow.IntegrationTests.Providers;

/// <summary>Five consecutive faults open a provider's circuit; after 30 s (on the injected clock) one probe decides.</summary>
public sealed class CircuitBreakerTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
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

    private async Task<RouterHost> OpenCircuitAsync()
    {
        _openAi.Behavior = FakeBehavior.ServerError;
        var host = new RouterConfig().OpenAi(_openAi).Start(_time);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(LlmFailureKind.UpstreamError, (await host.FailAsync()).Kind);
        }

        return host;
    }

    [Fact]
    public async Task CompleteAsync_FiveConsecutiveFailures_OpensTheCircuit()
    {
        await using var host = await OpenCircuitAsync();

        var failure = await host.FailAsync();

        Assert.Equal(LlmFailureKind.NoProviderAvailable, failure.Kind);
        Assert.Null(failure.Provider);
        Assert.Equal(5, _openAi.RequestCount);
        Assert.Equal(new ProviderHealth("openai", "openai", false, "open", 5, 5, 0), host.HealthOf("openai"));
        Assert.Contains(host.Logs.Entries, e => e.EventId.Id == 3010);
    }

    [Fact]
    public async Task CompleteAsync_FourFailuresThenASuccess_KeepsTheCircuitClosed()
    {
        _openAi.Behavior = FakeBehavior.ServerError;
        await using var host = new RouterConfig().OpenAi(_openAi).Start(_time);
        for (var round = 0; round < 2; round++)
        {
            _openAi.Behavior = FakeBehavior.ServerError;
            for (var i = 0; i < 4; i++)
            {
                await host.FailAsync();
            }

            _openAi.Behavior = FakeBehavior.Answer;
            await host.SucceedAsync();
        }

        Assert.Equal("closed", host.HealthOf("openai").CircuitState);
        Assert.Equal(10, _openAi.RequestCount);
    }

    [Fact]
    public async Task CompleteAsync_BeforeTheBreakInterval_StaysOpen()
    {
        await using var host = await OpenCircuitAsync();
        _openAi.Behavior = FakeBehavior.Answer;

        _time.Advance(TimeSpan.FromSeconds(29));

        Assert.Equal(LlmFailureKind.NoProviderAvailable, (await host.FailAsync()).Kind);
        Assert.Equal(5, _openAi.RequestCount);
    }

    [Fact]
    public async Task CompleteAsync_AfterTheBreakInterval_HalfOpensAndClosesOnSuccess()
    {
        await using var host = await OpenCircuitAsync();
        _openAi.Behavior = FakeBehavior.Answer;

        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal("half_open", host.HealthOf("openai").CircuitState);
        Assert.True(host.HealthOf("openai").Healthy);
        Assert.Equal("openai", (await host.SucceedAsync()).Provider);
        Assert.Equal("closed", host.HealthOf("openai").CircuitState);
        await host.SucceedAsync();
        Assert.Contains(host.Logs.Entries, e => e.EventId.Id == 3011);
        Assert.Contains(host.Logs.Entries, e => e.EventId.Id == 3012);
    }

    [Fact]
    public async Task CompleteAsync_HalfOpenProbeFails_OpensAgain()
    {
        await using var host = await OpenCircuitAsync();

        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(LlmFailureKind.UpstreamError, (await host.FailAsync()).Kind);
        Assert.Equal(LlmFailureKind.NoProviderAvailable, (await host.FailAsync()).Kind);
        Assert.Equal(6, _openAi.RequestCount);
        Assert.Equal("open", host.HealthOf("openai").CircuitState);
    }

    [Fact]
    public async Task CompleteAsync_OpenCircuit_RoutesStraightToTheOtherProvider()
    {
        _openAi.Behavior = FakeBehavior.ServerError;
        await using var host = new RouterConfig().OpenAi(_openAi).Anthropic(_anthropic)
            .Strategy("failover").With("DEFAULT_LLM_PROVIDER", "openai").Start(_time);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("anthropic", (await host.SucceedAsync()).Provider);
        }

        Assert.Equal("anthropic", (await host.SucceedAsync()).Provider);

        Assert.Equal(5, _openAi.RequestCount);
        Assert.Equal(6, _anthropic.RequestCount);
        Assert.False(host.HealthOf("openai").Healthy);
        Assert.True(host.HealthOf("anthropic").Healthy);
    }

    [Fact]
    public void TryAcquire_HalfOpen_AdmitsOneProbeAtATime()
    {
        var breaker = Opened();
        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.True(breaker.TryAcquire(out var probing));
        Assert.True(probing);
        Assert.False(breaker.TryAcquire(out _));
        Assert.False(breaker.IsAvailable);
    }

    [Fact]
    public void Release_AbandonedProbe_AdmitsTheNextProbe()
    {
        var breaker = Opened();
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(breaker.TryAcquire(out _));

        breaker.Release();

        Assert.True(breaker.TryAcquire(out var probing));
        Assert.True(probing);
        Assert.Equal(CircuitState.HalfOpen, breaker.State);
    }

    [Fact]
    public void RecordSuccess_HalfOpen_Closes()
    {
        var breaker = Opened();
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.True(breaker.TryAcquire(out _));

        Assert.True(breaker.RecordSuccess());

        Assert.Equal(CircuitState.Closed, breaker.State);
        Assert.Equal(0, breaker.ConsecutiveFailures);
    }

    private CircuitBreaker Opened()
    {
        var breaker = new CircuitBreaker(5, TimeSpan.FromSeconds(30), _time);
        for (var i = 0; i < 4; i++)
        {
            Assert.False(breaker.RecordFailure());
        }

        Assert.True(breaker.RecordFailure());
        Assert.Equal(CircuitState.Open, breaker.State);
        Assert.False(breaker.TryAcquire(out _));
        return breaker;
    }
}
