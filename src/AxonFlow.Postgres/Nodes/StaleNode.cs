using AxonFlow.Core.Nodes;

namespace AxonFlow.Postgres.Nodes;

/// <summary>A node the monitor just marked stale.</summary>
public sealed record StaleNode(NodeId Node, string Hostname, DateTimeOffset LastHeartbeatAt);
