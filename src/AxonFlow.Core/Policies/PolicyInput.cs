namespace AxonFlow.Core.Policies;

/// <summary>What the input scan sees of one governed request. <see cref="Query"/> is scanned verbatim, never case-folded.</summary>
public sealed record PolicyInput(
    string Query,
    string RequestType,
    IReadOnlyDictionary<string, string> User,
    IReadOnlyDictionary<string, string> Client,
    IReadOnlyDictionary<string, string> Context,
    double? CostEstimate)
{
    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>A request with only a query and a request type, for tests, <c>/test</c> endpoints and benchmarks.</summary>
    public static PolicyInput ForQuery(string query, string requestType = "chat") =>
        new(query, requestType, Empty, Empty, Empty, null);
}
