using System.Globalization;
using AxonFlow.Server.Providers.Pricing;

namespace AxonFlow.Server.Providers.Routing;

/// <summary>
/// Routes a completion to one provider and, when that provider is at fault, retries once on another usable provider.
/// Each attempt has its provider's time budget, linked with the caller's token; the caller's cancellation ends the work as
/// <see cref="LlmFailureKind.ClientAborted"/> without blaming the provider or retrying.
/// </summary>
internal sealed partial class LlmRouter : ILlmRouter
{
    private readonly RoutedProvider[] _providers;
    private readonly ProviderSelector _selector;
    private readonly PriceTable _prices;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<LlmRouter> _logger;

    public LlmRouter(IEnumerable<ILlmProvider> providers, ProviderSettings settings, TimeProvider timeProvider, ILogger<LlmRouter> logger)
    {
        ArgumentNullException.ThrowIfNull(providers);
        ArgumentNullException.ThrowIfNull(settings);
        _providers = [.. providers.Select(p => new RoutedProvider(
            p,
            settings.Weights.GetValueOrDefault(p.Endpoint.Name, 1.0),
            new CircuitBreaker(settings.CircuitFailureThreshold, settings.CircuitBreakDuration, timeProvider)))];
        _selector = new ProviderSelector(settings.Strategy, settings.DefaultProvider);
        _prices = settings.Prices;
        _timeProvider = timeProvider;
        _logger = logger;
        var configured = string.Join(", ", _providers.Select(p => $"{p.Name}({p.Endpoint.Model})"));
        Log.Configured(logger, configured, settings.Strategy);
    }

    public IReadOnlyList<ProviderHealth> Health => [.. _providers.Select(p => p.Health())];

    public async Task<LlmResult> CompleteAsync(LlmRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (cancellationToken.IsCancellationRequested)
        {
            return Aborted(null);
        }

        var requestId = Sanitize(request.RequestId);
        var first = Acquire(request.Provider, null, requestId);
        if (first is null)
        {
            Log.NoProviderAvailable(_logger, requestId);
            return new LlmResult.Failure(LlmFailureKind.NoProviderAvailable, "No LLM provider is available: every provider's circuit is open.", null);
        }

        var (result, retry) = await AttemptAsync(first, request, requestId, firstAttempt: true, cancellationToken);
        if (!retry)
        {
            return result;
        }

        var firstFailure = (LlmResult.Failure)result;
        var second = Acquire(null, first, requestId);
        if (second is null)
        {
            return firstFailure;
        }

        Log.Retrying(_logger, requestId, first.Name, second.Name);
        var (secondResult, _) = await AttemptAsync(second, request, requestId, firstAttempt: false, cancellationToken);
        if (secondResult is not LlmResult.Failure { Kind: not LlmFailureKind.ClientAborted } secondFailure)
        {
            return secondResult;
        }

        var kind = firstFailure.Kind == LlmFailureKind.Timeout && secondFailure.Kind == LlmFailureKind.Timeout
            ? LlmFailureKind.Timeout
            : LlmFailureKind.UpstreamError;
        return new LlmResult.Failure(kind, $"All providers failed: {firstFailure.Message}; {secondFailure.Message}", second.Name);
    }

    /// <summary>Picks a provider and claims its breaker; a provider whose probe slot was taken meanwhile is skipped.</summary>
    private RoutedProvider? Acquire(string? preferred, RoutedProvider? exclude, string requestId)
    {
        var candidates = _providers.Where(p => p != exclude && p.Breaker.IsAvailable).ToList();
        while (_selector.Pick(candidates, preferred) is { } picked)
        {
            if (picked.Breaker.TryAcquire(out var probing))
            {
                if (probing)
                {
                    Log.CircuitProbing(_logger, picked.Name, requestId);
                }

                return picked;
            }

            candidates.Remove(picked);
        }

        return null;
    }

    private async Task<(LlmResult Result, bool Retry)> AttemptAsync(
        RoutedProvider target, LlmRequest request, string requestId, bool firstAttempt, CancellationToken cancellationToken)
    {
        var endpoint = target.Endpoint;

        // The caller's model belongs to the provider it asked for (or to the first pick when it asked for none); a retry
        // elsewhere uses that provider's own model rather than sending, say, a GPT model name to Anthropic.
        var honourModel = request.Model is not null
            && (request.Provider is null ? firstAttempt : string.Equals(request.Provider, target.Name, StringComparison.OrdinalIgnoreCase));
        var model = honourModel ? request.Model! : endpoint.Model;

        var loggedModel = honourModel ? Sanitize(model) : model;
        Log.Attempting(_logger, requestId, target.Name, loggedModel);
        target.Started();
        var started = _timeProvider.GetTimestamp();
        using var timeout = new CancellationTokenSource(endpoint.Timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        ProviderReply reply;
        try
        {
            reply = await target.Provider.CompleteAsync(request, model, linked.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (Abort(target, requestId), false);
        }
        catch (OperationCanceledException)
        {
            // Our budget ran out, or the handler's connect timeout did: either way the provider did not answer in time.
            var reason = $"{target.Name} did not answer within {endpoint.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";
            Blame(target, _timeProvider.GetElapsedTime(started), "timeout", reason, requestId);
            return (new LlmResult.Failure(LlmFailureKind.Timeout, reason, target.Name), true);
        }
        catch (Exception ex)
        {
            // A bug or an unusable setting (say, a key with characters no header accepts) must still be a 502, never a 500.
            Log.UnexpectedError(_logger, requestId, target.Name, ex.GetType().Name);
            var reason = $"{target.Name} could not be called ({ex.GetType().Name})";
            Blame(target, _timeProvider.GetElapsedTime(started), "error", reason, requestId);
            return (new LlmResult.Failure(LlmFailureKind.UpstreamError, reason, target.Name), true);
        }

        var latency = _timeProvider.GetElapsedTime(started);
        if (cancellationToken.IsCancellationRequested)
        {
            return (Abort(target, requestId), false);
        }

        switch (reply)
        {
            case ProviderReply.Completed completed:
                target.Answered(latency);
                if (target.Breaker.RecordSuccess())
                {
                    Log.CircuitClosed(_logger, target.Name);
                }

                var cost = _prices.Find(target.Name, endpoint.Type, completed.Model).Cost(completed.PromptTokens, completed.CompletionTokens);
                return (new LlmResult.Success(new LlmCompletion(
                    target.Name, completed.Model, completed.Content, completed.PromptTokens, completed.CompletionTokens, latency, cost)), false);

            case ProviderReply.Failed { ProviderFault: true } failed:
                Blame(target, latency, "upstream", failed.Reason, requestId);
                return (new LlmResult.Failure(LlmFailureKind.UpstreamError, failed.Reason, target.Name), true);

            case ProviderReply.Failed failed:
                // The provider is up and refused this request as such: another provider would most likely refuse it too.
                target.Answered(latency);
                target.Breaker.RecordSuccess();
                Log.ProviderRejected(_logger, requestId, target.Name, failed.Reason);
                return (new LlmResult.Failure(LlmFailureKind.UpstreamError, failed.Reason, target.Name), false);

            default:
                throw new InvalidOperationException($"Unknown provider reply {reply.GetType().Name}.");
        }
    }

    private void Blame(RoutedProvider target, TimeSpan latency, string kind, string reason, string requestId)
    {
        target.Failed(latency);
        Log.ProviderFailed(_logger, requestId, target.Name, kind, reason);
        if (target.Breaker.RecordFailure())
        {
            Log.CircuitOpened(_logger, target.Name, target.Breaker.ConsecutiveFailures);
        }
    }

    private LlmResult.Failure Abort(RoutedProvider target, string requestId)
    {
        target.Breaker.Release();
        Log.ClientAborted(_logger, requestId, target.Name);
        return Aborted(target.Name);
    }

    private static LlmResult.Failure Aborted(string? provider) =>
        new(LlmFailureKind.ClientAborted, "The caller cancelled the request.", provider);

    /// <summary>Request ids come from callers; a log line must not be forgeable with line breaks.</summary>
    private static string Sanitize(string value)
    {
        var cleaned = string.Create(value.Length, value, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '_' : source[i];
            }
        });
        return cleaned.Length > 128 ? cleaned[..128] : cleaned;
    }
}
