using AxonFlow.Postgres.Credentials;

namespace AxonFlow.Postgres.CommunitySaas.Registration;

/// <summary>Registering a tenant: registered (the secret is in the credential, once), or the email already holds its cap.</summary>
public abstract record TenantRegistrationOutcome
{
    private TenantRegistrationOutcome()
    {
    }

    public sealed record Registered(IssuedCredential Credential, DateTimeOffset ExpiresAt) : TenantRegistrationOutcome;

    /// <summary>The email already has <see cref="TenantRegistrar.MaxActiveTenantsPerEmail"/> unexpired tenants; nothing was written.</summary>
    public sealed record EmailLimitReached : TenantRegistrationOutcome;
}
