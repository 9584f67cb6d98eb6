namespace AxonFlow.Postgres.Policies;

/// <summary>Everything one org's compiled policy set is built from.</summary>
public sealed record OrgPolicyData(IReadOnlyList<StaticPolicyRow> Static, IReadOnlyList<DynamicPolicyRow> Dynamic, IReadOnlyList<PolicyOverrideRow> Overrides);
