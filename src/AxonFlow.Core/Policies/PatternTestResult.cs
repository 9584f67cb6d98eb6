namespace AxonFlow.Core.Policies;

/// <summary>The answer of a <c>/test</c> call: <see cref="Error"/> is set (and <see cref="Cases"/> empty) when the pattern is refused.</summary>
public sealed record PatternTestResult(bool IsValid, string? Error, IReadOnlyList<PatternTestCase> Cases);
