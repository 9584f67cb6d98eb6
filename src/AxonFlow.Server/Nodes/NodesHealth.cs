namespace AxonFlow.Server.Nodes;

/// <summary>
/// The <c>nodes</c> component of <c>/health</c>: this node, how many are live, the limit (null = unlimited), and, while
/// over it, since when and from when new nodes are refused.
/// </summary>
public sealed record NodesHealth(
    string Status,
    string NodeId,
    bool Registered,
    int? Live,
    int? Limit,
    bool OverLimit,
    DateTimeOffset? OverLimitSince,
    DateTimeOffset? RefusingNewNodesFrom,
    int GraceSeconds,
    bool Monitor);
