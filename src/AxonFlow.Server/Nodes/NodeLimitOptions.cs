namespace AxonFlow.Server.Nodes;

/// <summary>
/// The node limit this deployment runs under: the license's <c>max_nodes</c>. Null (the default) means unlimited. The
/// host registers one instance; the deployment license replaces it (see docs/operations.md, "Nodes and the node limit").
/// </summary>
public sealed class NodeLimitOptions
{
    /// <summary>At least 1 when set.</summary>
    public int? MaxNodes { get; set; }
}
