namespace AxonFlow.Core.Policies;

/// <summary>The verdict of one evaluation. A block always wins over a redaction.</summary>
public enum PolicyDecision
{
    Allowed,
    Blocked,
    Redacted,
}
