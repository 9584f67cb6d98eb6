namespace AxonFlow.Core.Policies;

/// <summary>What a policy hit does to the request; <see cref="Block"/> is the most restrictive.</summary>
public enum PolicyAction
{
    Block,
    RequireApproval,
    Redact,
    Warn,
    Log,
}
