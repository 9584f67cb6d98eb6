namespace AxonFlow.Postgres.Credentials;

/// <summary>The NOTIFY channel on which credential writes tell every node which client id changed (payload: the client id).</summary>
public static class CredentialChangeChannel
{
    public const string Name = "axonflow_credentials_changed";

    /// <summary>Sent inside the writing transaction, so listeners hear of it only if and when it commits.</summary>
    public const string NotifySql = "SELECT pg_notify('axonflow_credentials_changed', $1)";
}
