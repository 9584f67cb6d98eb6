namespace AxonFlow.Core.Policies;

/// <summary>One input of a pattern test: whether it matched and the matched substrings (at most <see cref="PatternTester.MaxMatchesPerInput"/>).</summary>
public sealed record PatternTestCase(string Input, bool Matched, IReadOnlyList<string> Matches);
