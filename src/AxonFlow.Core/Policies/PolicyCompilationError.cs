namespace AxonFlow.Core.Policies;

/// <summary>Why one org policy or override did not make it into a compiled set; the rest of the set still compiles.</summary>
public sealed record PolicyCompilationError(string PolicyId, string Message);
