namespace AxonFlow.Postgres.Policies;

/// <summary>The NOTIFY channel on which policy writes tell every node which org's compiled set is stale.</summary>
public static class PolicyChangeChannel
{
    public const string Name = "axonflow_policy_changed";

    /// <summary>Sent inside the writing transaction, so listeners hear of it only if and when it commits.</summary>
    public const string NotifySql = "SELECT pg_notify('axonflow_policy_changed', $1)";
}
