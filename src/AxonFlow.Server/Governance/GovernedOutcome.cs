using AxonFlow.Core.Policies;
using AxonFlow.Server.Providers;

namespace AxonFlow.Server.Governance;

/// <summary>How a governed request ended; every outcome has its durable audit row (<c>AuditId</c>) before it is returned.</summary>
public abstract record GovernedOutcome(PolicyEvaluation Input, Guid AuditId, TimeSpan Elapsed, int PoliciesEvaluated)
{
    /// <summary>The check families of the policy set this request was evaluated with (the wire's <c>static_checks</c>).</summary>
    public IReadOnlyList<string> StaticChecks { get; init; } = [];

    public sealed record Blocked(PolicyEvaluation Input, Guid AuditId, TimeSpan Elapsed, int PoliciesEvaluated)
        : GovernedOutcome(Input, AuditId, Elapsed, PoliciesEvaluated);

    public sealed record Answered(PolicyEvaluation Input, PolicyEvaluation Output, LlmCompletion Completion, string Content, Guid AuditId, TimeSpan Elapsed, int PoliciesEvaluated)
        : GovernedOutcome(Input, AuditId, Elapsed, PoliciesEvaluated);

    /// <summary>A policy decision without a provider call (gateway pre-check, MCP checks).</summary>
    public sealed record Checked(PolicyEvaluation Input, Guid AuditId, TimeSpan Elapsed, int PoliciesEvaluated)
        : GovernedOutcome(Input, AuditId, Elapsed, PoliciesEvaluated);

    public sealed record ProviderFailed(PolicyEvaluation Input, LlmResult.Failure Failure, Guid AuditId, TimeSpan Elapsed, int PoliciesEvaluated)
        : GovernedOutcome(Input, AuditId, Elapsed, PoliciesEvaluated);
}
