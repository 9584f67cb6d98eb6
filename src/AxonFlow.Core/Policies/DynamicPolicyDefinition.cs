namespace AxonFlow.Core.Policies;

/// <summary>A condition policy: all <see cref="Conditions"/> must hold (AND) for the <see cref="Actions"/> to apply. Higher priority runs first.</summary>
public sealed record DynamicPolicyDefinition(
    string PolicyId,
    string Name,
    IReadOnlyList<PolicyCondition> Conditions,
    IReadOnlyList<DynamicPolicyAction> Actions,
    int Priority,
    bool Enabled);
