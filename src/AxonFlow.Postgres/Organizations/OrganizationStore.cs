using AxonFlow.Core.Identity;
using AxonFlow.Postgres.Audit;
using AxonFlow.Postgres.OrgScoping;
using Npgsql;
using NpgsqlTypes;

namespace AxonFlow.Postgres.Organizations;

/// <summary>
/// One organization's own row, read and changed inside that org's scope (the app role under RLS sees and writes only
/// it). Creating, suspending and resuming are recorded in the org's <c>agent_audit_logs</c> in the same transaction.
/// Listing every org is cross-org work and lives in <see cref="OrganizationDirectory"/> on the platform-admin pool.
/// </summary>
public sealed class OrganizationStore(TimeProvider timeProvider)
{
    internal const string Columns = "org_id, name, tier, status, created_at, updated_at, suspended_at";

    private const string InsertSql = $"""
        INSERT INTO organizations (org_id, name, tier, status, created_at, updated_at)
        VALUES ($1, $2, $3, 'active', $4, $4)
        ON CONFLICT (org_id) DO NOTHING
        RETURNING {Columns}
        """;

    private const string SelectSql = $"SELECT {Columns} FROM organizations WHERE org_id = $1";

    private const string SetStatusSql = $"""
        UPDATE organizations
        SET status = $2, suspended_at = CASE WHEN $2 = 'suspended' THEN $3 END, updated_at = $3
        WHERE org_id = $1
        RETURNING {Columns}
        """;

    /// <summary>Creates the org's row; null when the org already exists.</summary>
    public async Task<Organization?> CreateAsync(OrgScopedSession session, string name, string tier, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(tier);
        var now = timeProvider.GetUtcNow();
        Organization? created;
        await using (var insert = session.CreateCommand(InsertSql))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = session.Org.Value });
            insert.Parameters.Add(new NpgsqlParameter { Value = name });
            insert.Parameters.Add(new NpgsqlParameter { Value = tier });
            insert.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            created = await ReadOneAsync(insert, cancellationToken);
        }

        if (created is not null)
        {
            await AgentAuditLog.AppendAsync(session, actor, "organization.created", Resource(session), new Dictionary<string, string?>
            {
                ["name"] = name,
                ["tier"] = tier,
            }, now, cancellationToken);
        }

        return created;
    }

    public static async Task<Organization?> GetAsync(OrgScopedSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        await using var select = session.CreateCommand(SelectSql);
        select.Parameters.Add(new NpgsqlParameter { Value = session.Org.Value });
        return await ReadOneAsync(select, cancellationToken);
    }

    /// <summary>
    /// Sets <see cref="OrganizationStatuses.Active"/> or <see cref="OrganizationStatuses.Suspended"/>; null when the org
    /// does not exist. Authentication reads the status on every request, so the change applies on the next one.
    /// </summary>
    public async Task<Organization?> SetStatusAsync(OrgScopedSession session, string status, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (status is not (OrganizationStatuses.Active or OrganizationStatuses.Suspended))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Only active and suspended can be set.");
        }

        var now = timeProvider.GetUtcNow();
        Organization? updated;
        await using (var update = session.CreateCommand(SetStatusSql))
        {
            update.Parameters.Add(new NpgsqlParameter { Value = session.Org.Value });
            update.Parameters.Add(new NpgsqlParameter { Value = status });
            update.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            updated = await ReadOneAsync(update, cancellationToken);
        }

        if (updated is not null)
        {
            var action = status == OrganizationStatuses.Suspended ? "organization.suspended" : "organization.resumed";
            await AgentAuditLog.AppendAsync(session, actor, action, Resource(session), new Dictionary<string, string?>(), now, cancellationToken);
        }

        return updated;
    }

    /// <summary>Reads <see cref="Columns"/>; null for a legacy row whose org id breaks today's identifier rules.</summary>
    internal static Organization? TryRead(NpgsqlDataReader reader) =>
        OrgId.TryCreate(reader.GetString(0), out var org)
            ? new Organization(
                org.Value,
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6))
            : null;

    private static async Task<Organization?> ReadOneAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? TryRead(reader) : null;
    }

    private static string Resource(OrgScopedSession session) => "organization:" + session.Org.Value;
}
