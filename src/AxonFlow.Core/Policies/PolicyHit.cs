namespace AxonFlow.Core.Policies;

/// <summary>
/// One match of one policy. <see cref="Start"/> and <see cref="Length"/> are UTF-16 offsets into the scanned text (the query
/// on input, the response on output); a dynamic policy that matched on non-text fields reports an empty span at 0.
/// <see cref="Action"/> is the effective action after overrides.
/// </summary>
public sealed record PolicyHit(
    string PolicyId,
    string Name,
    string Category,
    PolicySeverity Severity,
    PolicyAction Action,
    int Start,
    int Length);
