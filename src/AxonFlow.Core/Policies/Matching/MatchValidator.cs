namespace AxonFlow.Core.Policies.Matching;

/// <summary>Confirms a regex candidate (checksum, issuance rules); returns how many leading characters form a real match, or 0 to reject.</summary>
internal delegate int MatchValidator(ReadOnlySpan<char> candidate);
