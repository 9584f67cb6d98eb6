namespace AxonFlow.Postgres.Credentials;

/// <summary>Issuing a credential: issued (the secret is in it, once), or the client id is already taken.</summary>
public abstract record CredentialIssue
{
    private CredentialIssue()
    {
    }

    public sealed record Issued(IssuedCredential Credential) : CredentialIssue;

    /// <summary>This org or another already holds the client id; client ids are global and never reused across orgs.</summary>
    public sealed record ClientIdInUse : CredentialIssue;
}

/// <summary>Rotating a credential's secret.</summary>
public abstract record CredentialRotation
{
    private CredentialRotation()
    {
    }

    /// <summary>A new secret; <c>PreviousSecretsValidUntil</c> is when the replaced ones stop working, null when they were revoked at once.</summary>
    public sealed record Rotated(IssuedCredential Credential, DateTimeOffset? PreviousSecretsValidUntil) : CredentialRotation;

    public sealed record NotFound : CredentialRotation;

    /// <summary>A revoked credential stays revoked; issue a new one.</summary>
    public sealed record Revoked : CredentialRotation;
}

/// <summary>Revoking a credential: every secret it has stops working on the next request.</summary>
public abstract record CredentialRevocation
{
    private CredentialRevocation()
    {
    }

    /// <summary>Revoked; <c>SecretsRevoked</c> is 0 when it already was (revoking is idempotent).</summary>
    public sealed record Revoked(int SecretsRevoked, DateTimeOffset RevokedAt) : CredentialRevocation;

    public sealed record NotFound : CredentialRevocation;
}
