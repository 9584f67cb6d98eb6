namespace AxonFlow.Core.Policies.Matching;

/// <summary>Per-evaluation hit buffer; a struct so a clean scan allocates nothing.</summary>
internal struct HitCollector
{
    private static readonly Comparison<PolicyHit> ByPosition = static (a, b) =>
    {
        var byStart = a.Start.CompareTo(b.Start);
        if (byStart != 0)
        {
            return byStart;
        }

        var byLength = b.Length.CompareTo(a.Length);
        return byLength != 0 ? byLength : string.CompareOrdinal(a.PolicyId, b.PolicyId);
    };

    private static readonly Comparer<PolicyHit> PositionComparer = Comparer<PolicyHit>.Create(ByPosition);

    private List<PolicyHit>? _hits;

    public readonly int Count => _hits?.Count ?? 0;

    public readonly IReadOnlyList<PolicyHit> Hits => _hits is null ? [] : _hits;

    public void Add(PolicyHit hit) => (_hits ??= new List<PolicyHit>(4)).Add(hit);

    /// <summary>Sorts hits from <paramref name="first"/> on by position and keeps only the first of each group of overlapping spans.</summary>
    public readonly void MergeOverlapsFrom(int first)
    {
        if (_hits is null || _hits.Count - first < 2)
        {
            return;
        }

        _hits.Sort(first, _hits.Count - first, PositionComparer);
        var kept = first;
        var keptEnd = -1;
        for (var i = first; i < _hits.Count; i++)
        {
            var hit = _hits[i];
            if (hit.Start < keptEnd)
            {
                continue;
            }

            _hits[kept++] = hit;
            keptEnd = hit.Start + hit.Length;
        }

        _hits.RemoveRange(kept, _hits.Count - kept);
    }

    public readonly void SortByPosition()
    {
        if (_hits is { Count: > 1 })
        {
            _hits.Sort(ByPosition);
        }
    }
}
