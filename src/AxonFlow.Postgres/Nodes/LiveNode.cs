using AxonFlow.Core.Nodes;

namespace AxonFlow.Postgres.Nodes;

/// <summary>A live node as the limit sees it.</summary>
public sealed record LiveNode(NodeId Node, DateTimeOffset StartedAt);
