using AxonFlow.Core.Credentials;
using AxonFlow.Core.Policies;
using AxonFlow.Postgres.Audit;
using AxonFlow.Server.Policies;
using AxonFlow.Server.Providers;

namespace AxonFlow.Server.Governance;

/// <summary>
/// The governed path of ARCHITECTURE §5: input policies → LLM router → output scan (redaction) → durable audit. The
/// audit row is committed before any outcome is returned, so an answer is never given without its record.
/// </summary>
public sealed class GovernanceService(PolicySetCache policies, ILlmRouter router, AuditWriter audit, Fingerprinter fingerprinter, TimeProvider timeProvider)
{
    public async Task<GovernedOutcome> ProcessAsync(GovernedRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = timeProvider.GetTimestamp();
        var set = await policies.GetAsync(request.Identity.Org, cancellationToken);
        var input = ToPolicyInput(request);
        var inputEvaluation = set.EvaluateInput(input);
        var baseRecord = BaseRecord(request, inputEvaluation);

        if (inputEvaluation.IsBlocked)
        {
            var blocked = baseRecord with
            {
                Decision = "blocked",
                BlockReason = inputEvaluation.BlockReason,
                LatencyMs = ElapsedMs(started),
            };
            await audit.WriteAsync(blocked, cancellationToken);
            return new GovernedOutcome.Blocked(inputEvaluation, blocked.AuditId, timeProvider.GetElapsedTime(started), set.Count) { StaticChecks = GovernanceMapping.StaticChecks(set) };
        }

        // What the org redacts never reaches the provider.
        var prompt = inputEvaluation.RedactedText ?? request.Query;
        var result = await router.CompleteAsync(
            new LlmRequest([new LlmMessage("user", prompt)], request.Model, request.Provider, request.MaxTokens, request.Temperature, request.RequestId),
            cancellationToken);

        switch (result)
        {
            case LlmResult.Success { Completion: var completion }:
                var output = set.EvaluateOutput(completion.Content, input);
                var content = output.RedactedText ?? completion.Content;
                var redacted = inputEvaluation.RedactedText is not null || output.RedactedText is not null;
                var answered = baseRecord with
                {
                    Decision = redacted ? "redacted" : "allowed",
                    Policies = AuditMasking.Hits(inputEvaluation.Hits.Concat(output.Hits)),
                    Provider = completion.Provider,
                    Model = completion.Model,
                    PromptTokens = completion.PromptTokens,
                    CompletionTokens = completion.CompletionTokens,
                    CostUsd = completion.CostUsd,
                    LatencyMs = ElapsedMs(started),
                    RiskScore = Math.Max(inputEvaluation.RiskScore, output.RiskScore),
                };
                await audit.WriteAsync(answered, cancellationToken);
                return new GovernedOutcome.Answered(inputEvaluation, output, completion, content, answered.AuditId, timeProvider.GetElapsedTime(started), set.Count) { StaticChecks = GovernanceMapping.StaticChecks(set) };

            case LlmResult.Failure failure:
                var failed = baseRecord with
                {
                    Decision = "error",
                    Provider = failure.Provider,
                    ErrorMessage = failure.Message,
                    LatencyMs = ElapsedMs(started),
                };

                // A client that went away still leaves its decision in the trail.
                await audit.WriteAsync(failed, failure.Kind == LlmFailureKind.ClientAborted ? CancellationToken.None : cancellationToken);
                return new GovernedOutcome.ProviderFailed(inputEvaluation, failure, failed.AuditId, timeProvider.GetElapsedTime(started), set.Count);

            default:
                throw new InvalidOperationException($"Unknown router result {result.GetType().Name}.");
        }
    }

    /// <summary>Evaluates the input policies and records the decision, without calling a provider.</summary>
    public async Task<GovernedOutcome.Checked> CheckAsync(GovernedRequest request, string? note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = timeProvider.GetTimestamp();
        var set = await policies.GetAsync(request.Identity.Org, cancellationToken);
        var evaluation = set.EvaluateInput(ToPolicyInput(request));
        var record = BaseRecord(request, evaluation) with
        {
            Decision = evaluation.IsBlocked ? "blocked" : evaluation.RedactedText is not null ? "redacted" : note is null ? "allowed" : "error",
            BlockReason = evaluation.BlockReason,
            ErrorMessage = evaluation.IsBlocked ? null : note,
            LatencyMs = ElapsedMs(started),
        };
        await audit.WriteAsync(record, cancellationToken);
        return new GovernedOutcome.Checked(evaluation, record.AuditId, timeProvider.GetElapsedTime(started), set.Count) { StaticChecks = GovernanceMapping.StaticChecks(set) };
    }

    /// <summary>
    /// Scans data coming back from a tool or connector and records the decision; a <paramref name="refusal"/> (the caller's
    /// own reason to refuse, e.g. exfiltration limits) is recorded as blocked.
    /// </summary>
    public async Task<(PolicyEvaluation Evaluation, Guid AuditId, TimeSpan Elapsed, int PoliciesEvaluated)> CheckOutputAsync(GovernedRequest request, string output, string? refusal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = timeProvider.GetTimestamp();
        var set = await policies.GetAsync(request.Identity.Org, cancellationToken);
        var evaluation = set.EvaluateOutput(output, ToPolicyInput(request));
        var record = BaseRecord(request, evaluation) with
        {
            Decision = evaluation.IsBlocked || refusal is not null ? "blocked" : evaluation.RedactedText is not null ? "redacted" : "allowed",
            BlockReason = evaluation.BlockReason ?? refusal,
            QueryRedacted = null,
            QueryHash = fingerprinter.Of(output),
            LatencyMs = ElapsedMs(started),
        };
        await audit.WriteAsync(record, cancellationToken);
        return (evaluation, record.AuditId, timeProvider.GetElapsedTime(started), set.Count);
    }

    internal static PolicyInput ToPolicyInput(GovernedRequest request)
    {
        var client = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["id"] = request.Identity.Client.Value,
            ["org_id"] = request.Identity.Org.Value,
        };
        double? cost = request.Context.TryGetValue("cost_estimate", out var raw) && double.TryParse(raw, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;
        return new PolicyInput(request.Query, request.RequestType, request.User, client, request.Context, cost);
    }

    private AuditRecord BaseRecord(GovernedRequest request, PolicyEvaluation input) => new()
    {
        AuditId = Guid.CreateVersion7(),
        Org = request.Identity.Org,
        Client = request.Identity.Client,
        RequestId = request.RequestId,
        Timestamp = timeProvider.GetUtcNow(),
        RequestType = request.RequestType,
        Decision = "allowed",
        UserId = request.UserId,
        Policies = AuditMasking.Hits(input.Hits),
        QueryRedacted = AuditMasking.Mask(request.Query, input.Hits),
        QueryHash = fingerprinter.Of(request.Query),
        ClientHeader = request.ClientHeader,
        RiskScore = input.RiskScore,
    };

    private int ElapsedMs(long started) => (int)Math.Min(int.MaxValue, timeProvider.GetElapsedTime(started).TotalMilliseconds);
}
