using System.Diagnostics;
using AxonFlow.Server.Providers;

namespace AxonFlow.IntegrationTests.Providers;

/// <summary>A provider fault is retried once on another healthy provider; what cannot be answered is a classified failure.</summary>
public sealed class FailoverTests : IAsyncLifetime
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

    /// <summary>OpenAI first, Anthropic as the standby.</summary>
    private RouterConfig OpenAiFirst(string? openAiTimeout = null, string? anthropicTimeout = null) =>
        new RouterConfig().OpenAi(_openAi, openAiTimeout).Anthropic(_anthropic, anthropicTimeout).Strategy("failover").With("DEFAULT_LLM_PROVIDER", "openai");

    [Theory]
    [InlineData(FakeBehavior.ServerError)]
    [InlineData(FakeBehavior.TooManyRequests)]
    [InlineData(FakeBehavior.MalformedJson)]
    [InlineData(FakeBehavior.Unauthorized)]
    public async Task CompleteAsync_PrimaryFails_AnswersFromTheOtherProvider(FakeBehavior failure)
    {
        _openAi.Behavior = failure;
        await using var host = OpenAiFirst().Start();

        var completion = await host.SucceedAsync();

        Assert.Equal("anthropic", completion.Provider);
        Assert.Equal(1, _openAi.RequestCount);
        Assert.Equal(1, _anthropic.RequestCount);
        Assert.Equal(1, host.HealthOf("openai").Failures);
        Assert.Equal(0, host.HealthOf("anthropic").Failures);
    }

    [Fact]
    public async Task CompleteAsync_PrimaryTimesOut_AnswersFromTheOtherProvider()
    {
        _openAi.Behavior = FakeBehavior.Hang;
        await using var host = OpenAiFirst(openAiTimeout: "0.5").Start();
        var stopwatch = Stopwatch.StartNew();

        var completion = await host.SucceedAsync();

        Assert.Equal("anthropic", completion.Provider);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(0.4), TimeSpan.FromSeconds(10));
        Assert.Equal(1, host.HealthOf("openai").Failures);
    }

    [Fact]
    public async Task CompleteAsync_PrimaryRefusesConnections_AnswersFromTheOtherProvider()
    {
        await using var host = new RouterConfig().OpenAi(ClosedPort.Url()).Anthropic(_anthropic)
            .Strategy("failover").With("DEFAULT_LLM_PROVIDER", "openai").Start();

        var completion = await host.SucceedAsync();

        Assert.Equal("anthropic", completion.Provider);
        Assert.Equal(1, host.HealthOf("openai").Failures);
    }

    [Fact]
    public async Task CompleteAsync_ConnectionRefusedEverywhere_SaysSo()
    {
        await using var host = new RouterConfig().OpenAi(ClosedPort.Url()).Start();

        var failure = await host.FailAsync();

        Assert.Equal(LlmFailureKind.UpstreamError, failure.Kind);
        Assert.Equal("openai could not be reached (connection failed: ConnectionRefused)", failure.Message);
    }

    [Fact]
    public async Task CompleteAsync_BothProvidersFail_ReturnsUpstreamErrorNamingBoth()
    {
        _openAi.Behavior = FakeBehavior.ServerError;
        _anthropic.Behavior = FakeBehavior.TooManyRequests;
        await using var host = OpenAiFirst().Start();

        var failure = await host.FailAsync();

        Assert.Equal(LlmFailureKind.UpstreamError, failure.Kind);
        Assert.Equal("anthropic", failure.Provider);
        Assert.StartsWith("All providers failed: openai answered HTTP 500", failure.Message, StringComparison.Ordinal);
        Assert.Contains("anthropic answered HTTP 429", failure.Message, StringComparison.Ordinal);
        Assert.True(failure.Message.Length < 500, "Upstream bodies appear only as short excerpts.");
    }

    [Fact]
    public async Task CompleteAsync_OnlyProviderTimesOut_ReturnsTimeout()
    {
        _openAi.Behavior = FakeBehavior.Hang;
        await using var host = new RouterConfig().OpenAi(_openAi, timeoutSeconds: "0.3").Start();

        var failure = await host.FailAsync();

        Assert.Equal(LlmFailureKind.Timeout, failure.Kind);
        Assert.Equal("openai did not answer within 0.3 s", failure.Message);
        Assert.Equal("openai", failure.Provider);
    }

    [Fact]
    public async Task CompleteAsync_BothTimeOut_ReturnsTimeout()
    {
        _openAi.Behavior = FakeBehavior.Hang;
        _anthropic.Behavior = FakeBehavior.Hang;
        await using var host = OpenAiFirst(openAiTimeout: "0.3", anthropicTimeout: "0.3").Start();

        var failure = await host.FailAsync();

        Assert.Equal(LlmFailureKind.Timeout, failure.Kind);
    }

    [Fact]
    public async Task CompleteAsync_TimeoutThenServerError_ReturnsUpstreamError()
    {
        _openAi.Behavior = FakeBehavior.Hang;
        _anthropic.Behavior = FakeBehavior.ServerError;
        await using var host = OpenAiFirst(openAiTimeout: "0.3").Start();

        var failure = await host.FailAsync();

        Assert.Equal(LlmFailureKind.UpstreamError, failure.Kind);
    }

    [Fact]
    public async Task CompleteAsync_ProviderRejectsTheRequest_IsNotRetriedNorBlamed()
    {
        _openAi.Behavior = FakeBehavior.BadRequest;
        await using var host = OpenAiFirst().Start();

        var failure = await host.FailAsync();

        Assert.Equal(LlmFailureKind.UpstreamError, failure.Kind);
        Assert.StartsWith("openai answered HTTP 400: ", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, _anthropic.RequestCount);
        Assert.Equal(0, host.HealthOf("openai").Failures);
    }

    [Fact]
    public async Task CompleteAsync_SingleProviderFails_IsTriedOnce()
    {
        _openAi.Behavior = FakeBehavior.ServerError;
        await using var host = new RouterConfig().OpenAi(_openAi).Start();

        var failure = await host.FailAsync();

        Assert.Equal(LlmFailureKind.UpstreamError, failure.Kind);
        Assert.Equal(1, _openAi.RequestCount);
    }

    [Fact]
    public async Task CompleteAsync_Failover_IsLogged()
    {
        _openAi.Behavior = FakeBehavior.ServerError;
        await using var host = OpenAiFirst().Start();

        await host.SucceedAsync();

        Assert.Contains(host.Logs.Entries, e => e.EventId.Id == 3003 && e.Message.Contains("openai failed (upstream)", StringComparison.Ordinal));
        Assert.Contains(host.Logs.Entries, e => e.EventId.Id == 3004 && e.Message.EndsWith("retrying once on anthropic", StringComparison.Ordinal));
    }
}
