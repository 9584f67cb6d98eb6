using AxonFlow.Postgres.OrgScoping;

namespace AxonFlow.Postgres.CommunitySaas;

/// <summary>Reads the registration row of the session's org (RLS shows only that org's row).</summary>
public static class TenantContactReader
{
    private const string Sql = "SELECT email, email_hash FROM community_saas_tenants WHERE org_id = $1";

    /// <summary>The tenant's contact, or null when the org has no registration row.</summary>
    public static async Task<TenantContact?> ReadAsync(OrgScopedSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        await using var command = session.CreateCommand(Sql);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = session.Org.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new TenantContact(reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1));
    }
}
