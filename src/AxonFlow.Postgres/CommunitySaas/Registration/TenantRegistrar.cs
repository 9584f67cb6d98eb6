using AxonFlow.Core.CommunitySaas;
using AxonFlow.Core.Identity;
using AxonFlow.Postgres.Audit;
using AxonFlow.Postgres.Credentials;
using AxonFlow.Postgres.OrgScoping;
using AxonFlow.Postgres.Organizations;
using Npgsql;
using NpgsqlTypes;

namespace AxonFlow.Postgres.CommunitySaas.Registration;

/// <summary>
/// Creates a Community SaaS tenant in ONE transaction in the new org's scope: the <c>organizations</c> row, the
/// <c>community_saas_tenants</c> row, and the credential (client id = org id = tenant id) through
/// <see cref="CredentialIssuer"/>. Any failure rolls all of it back.
/// Security invariant: an email holds at most <see cref="MaxActiveTenantsPerEmail"/> unexpired tenants, even under
/// concurrent registrations on several nodes — <see cref="EmailTenantCap"/> counts under a transaction-scoped advisory
/// lock on the email's digest, so the next registration (or recovery) for that email waits until this one commits.
/// </summary>
public sealed class TenantRegistrar(OrgScope orgScope, OrganizationStore organizations, CredentialIssuer issuer, TimeProvider timeProvider)
{
    public const int MaxActiveTenantsPerEmail = EmailTenantCap.MaxActiveTenantsPerEmail;

    /// <summary>How long a registration (tenant and credential) lasts.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);

    /// <summary>The organizations tier of a registered tenant (its plan is resolved per request from its license).</summary>
    public const string OrganizationTier = "free";

    private const string InsertTenantSql = """
        INSERT INTO community_saas_tenants (org_id, label, email, email_hash, recovery_opt_in, created_at, expires_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        """;

    public async Task<TenantRegistrationOutcome> RegisterAsync(TenantRegistration registration, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentNullException.ThrowIfNull(actor);
        if ((registration.Email is null) != (registration.EmailHash is null))
        {
            throw new ArgumentException("An email and its digest come together.", nameof(registration));
        }

        var tenant = OrgId.Create(CommunitySaasTenantId.NewId());
        return await orgScope.RunAsync(tenant, (session, token) => RegisterInScopeAsync(session, registration, actor, token), cancellationToken);
    }

    private async Task<TenantRegistrationOutcome> RegisterInScopeAsync(
        OrgScopedSession session, TenantRegistration registration, AuditActor actor, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var createdAt = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var expiresAt = createdAt + Lifetime;
        if (registration.EmailHash is { } emailHash && await EmailTenantCap.LockAndCountActiveAsync(session, emailHash, now, cancellationToken) >= MaxActiveTenantsPerEmail)
        {
            return new TenantRegistrationOutcome.EmailLimitReached();
        }

        var name = registration.Label.Length > 0 ? registration.Label : session.Org.Value;
        _ = await organizations.CreateAsync(session, name, OrganizationTier, actor, cancellationToken)
            ?? throw new InvalidOperationException("The generated tenant id already names an organization.");

        await using (var insert = session.CreateCommand(InsertTenantSql))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = session.Org.Value });
            insert.Parameters.Add(new NpgsqlParameter { Value = registration.Label });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)registration.Email ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)registration.EmailHash ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bytea });
            insert.Parameters.Add(new NpgsqlParameter { Value = registration.Email is not null });
            insert.Parameters.Add(new NpgsqlParameter { Value = createdAt, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            insert.Parameters.Add(new NpgsqlParameter { Value = expiresAt, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        var client = ClientId.Create(session.Org.Value);
        var label = registration.Label.Length > 0 ? registration.Label : "registration";
        var issued = await issuer.IssueAsync(session, new CredentialRequest(client, label, expiresAt), actor, cancellationToken);
        return issued is CredentialIssue.Issued { Credential: var credential }
            ? new TenantRegistrationOutcome.Registered(credential, expiresAt)
            : throw new InvalidOperationException("The generated tenant id is already a client id.");
    }
}
