namespace AxonFlow.Core.Policies;

/// <summary>A regex policy as stored and served by the API. System policies carry a descriptive pattern; org policies carry their own regex.</summary>
public sealed record StaticPolicyDefinition(
    string PolicyId,
    string Name,
    string Category,
    string Pattern,
    PolicySeverity Severity,
    PolicyAction Action,
    bool Enabled,
    PolicyTier Tier,
    int Priority,
    string Description);
