namespace AxonFlow.Core.Policies;

/// <summary>
/// The result of <see cref="PolicySet.Compile"/>. <see cref="Errors"/> lists org policies that were skipped (bad regex,
/// unknown operator, reserved id); <see cref="IgnoredOverrides"/> lists overrides that had no effect and why.
/// </summary>
public sealed record PolicySetCompilation(
    PolicySet PolicySet,
    IReadOnlyList<PolicyCompilationError> Errors,
    IReadOnlyList<PolicyCompilationError> IgnoredOverrides)
{
    public bool Succeeded => Errors.Count == 0;
}
