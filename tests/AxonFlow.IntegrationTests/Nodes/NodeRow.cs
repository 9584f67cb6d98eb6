namespace AxonFlow.IntegrationTests.Nodes;

/// <summary>A <c>nodes</c> row without its secret hash.</summary>
internal sealed record NodeRow(string Hostname, string Version, DateTimeOffset StartedAt, DateTimeOffset LastHeartbeatAt, string Status, DateTimeOffset? StoppedAt);
