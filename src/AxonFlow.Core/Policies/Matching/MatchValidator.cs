namespace AxonFlow.Core.Policies.Matching;

/// <summary>
/// Confirms a regex candidate at <paramref name="start"/>/<paramref name="length"/> in <paramref name="text"/> (checksum,
/// issuance rules, context) and may narrow the span to the part that is the real finding. Returns false to reject it.
/// </summary>
internal delegate bool MatchValidator(ReadOnlySpan<char> text, ref int start, ref int length);
