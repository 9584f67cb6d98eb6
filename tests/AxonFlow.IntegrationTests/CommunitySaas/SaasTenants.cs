using AxonFlow.Core.CommunitySaas;
using AxonFlow.Core.Identity;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Postgres.Audit;
using AxonFlow.Postgres.Credentials;
using AxonFlow.Postgres.OrgScoping;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AxonFlow.IntegrationTests.CommunitySaas;

/// <summary>A registered tenant the way registration creates one (organizations + community_saas_tenants + credential).</summary>
internal sealed record SaasTenant(string Id, string? Email, string Secret);

/// <summary>Creates Community SaaS tenants directly (the lead switches this to the real registration at merge).</summary>
internal static class SaasTenants
{
    private const string InsertSql = """
        INSERT INTO organizations (org_id, name) VALUES ($1, $1);
        """;

    private const string TenantSql = """
        INSERT INTO community_saas_tenants (org_id, label, email, email_hash, recovery_opt_in, stripe_customer_id, created_at, expires_at)
        VALUES ($1, 'test', $2, $3, $2 IS NOT NULL, $4, $5, $6)
        """;

    public static async Task<SaasTenant> CreateAsync(AxonFlowTestServer server, string? email, DateTimeOffset now, string? stripeCustomer = null)
    {
        var id = CommunitySaasTenantId.NewId();
        var scope = server.Services.GetRequiredService<OrgScope>();
        var issuer = server.Services.GetRequiredService<CredentialIssuer>();
        var digests = server.Services.GetRequiredService<CommunitySaasDigests>();
        var expires = now.AddDays(365);
        var issued = await scope.RunAsync(OrgId.Create(id), async (session, ct) =>
        {
            await using (var org = session.CreateCommand(InsertSql))
            {
                org.Parameters.Add(new NpgsqlParameter { Value = id });
                await org.ExecuteNonQueryAsync(ct);
            }

            await using (var tenant = session.CreateCommand(TenantSql))
            {
                tenant.Parameters.Add(new NpgsqlParameter { Value = id });
                tenant.Parameters.Add(new NpgsqlParameter { Value = (object?)email ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
                tenant.Parameters.Add(new NpgsqlParameter { Value = email is null ? DBNull.Value : digests.Email(email), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea });
                tenant.Parameters.Add(new NpgsqlParameter { Value = (object?)stripeCustomer ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
                tenant.Parameters.Add(new NpgsqlParameter { Value = now });
                tenant.Parameters.Add(new NpgsqlParameter { Value = expires });
                await tenant.ExecuteNonQueryAsync(ct);
            }

            return await issuer.IssueAsync(session, new CredentialRequest(ClientId.Create(id), "registration", expires), AuditActor.System, ct);
        }, TestContext.Current.CancellationToken);

        var credential = Assert.IsType<CredentialIssue.Issued>(issued).Credential;
        return new SaasTenant(id, email, credential.Secret);
    }
}
