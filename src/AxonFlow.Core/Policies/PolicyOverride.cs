namespace AxonFlow.Core.Policies;

/// <summary>
/// An organization's change to one static policy's action and/or enabled flag. An override whose <see cref="ExpiresAt"/> has
/// passed is ignored, and so is any override on a system policy that <see cref="SystemPolicies.IsOverridable"/> refuses.
/// </summary>
public sealed record PolicyOverride(
    string PolicyId,
    PolicyAction? ActionOverride,
    bool? EnabledOverride,
    string Reason,
    DateTimeOffset? ExpiresAt,
    string CreatedBy)
{
    public bool IsActive(DateTimeOffset now) => ExpiresAt is not { } expiresAt || expiresAt > now;
}
