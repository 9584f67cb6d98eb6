using AxonFlow.Core.Identity;
using AxonFlow.Core.Portal;
using AxonFlow.Postgres.OrgScoping;
using Npgsql;
using NpgsqlTypes;

namespace AxonFlow.Postgres.Portal;

/// <summary>
/// Portal users. Every read and write runs inside the org scope; the one exception is the login lookup, which happens
/// before the org is known and goes through the SECURITY DEFINER <c>auth_lookup_portal_user()</c>. Deactivating a user
/// deletes their sessions in the same transaction (and the session lookup checks <c>active</c> too).
/// </summary>
public sealed class PortalUserStore(NpgsqlDataSource appDataSource, OrgScope orgScope, TimeProvider timeProvider)
{
    private const string Columns = """
        id, org_id, email, display_name, given_name, family_name, role, active, external_id, source,
        password_hash IS NOT NULL, created_at, updated_at, last_login_at
        """;

    private const string InsertSql = $"""
        INSERT INTO portal_users (org_id, email, display_name, given_name, family_name, role, active, external_id, source, password_hash, created_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
        RETURNING {Columns}
        """;

    private const string UpdateSql = $"""
        UPDATE portal_users
        SET email = $2, display_name = $3, given_name = $4, family_name = $5, role = coalesce($6, role), active = $7,
            external_id = $8, password_hash = coalesce($9, password_hash), updated_at = $10
        WHERE id = $1
        RETURNING {Columns}
        """;

    private const string Filter = """
        WHERE ($1::text IS NULL OR lower(email) = lower($1))
          AND ($2::text IS NULL OR external_id = $2)
          AND ($3::uuid IS NULL OR id = $3)
          AND ($4::boolean IS NULL OR active = $4)
        """;

    private const string ListSql = $"SELECT {Columns} FROM portal_users {Filter} ORDER BY created_at, id LIMIT $5 OFFSET $6";

    private const string CountSql = $"SELECT count(*) FROM portal_users {Filter}";

    private const string EmailKey = "portal_users_email_key";
    private const string ExternalIdKey = "portal_users_org_external_id_key";

    public async Task<PortalUserWrite> CreateAsync(OrgId org, PortalUserDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        try
        {
            return await orgScope.RunAsync<PortalUserWrite>(
                org,
                async (session, token) =>
                {
                    await using (var exists = session.CreateCommand("SELECT count(*) FROM organizations WHERE org_id = $1"))
                    {
                        exists.Parameters.Add(new NpgsqlParameter { Value = org.Value });
                        if ((long)(await exists.ExecuteScalarAsync(token))! == 0)
                        {
                            return new PortalUserWrite.OrganizationMissing();
                        }
                    }

                    await using var insert = session.CreateCommand(InsertSql);
                    insert.Parameters.Add(new NpgsqlParameter { Value = org.Value });
                    insert.Parameters.Add(new NpgsqlParameter { Value = draft.Email.Value });
                    insert.Parameters.Add(new NpgsqlParameter { Value = draft.DisplayName });
                    insert.Parameters.Add(Text(draft.GivenName));
                    insert.Parameters.Add(Text(draft.FamilyName));
                    insert.Parameters.Add(new NpgsqlParameter { Value = (draft.Role ?? PortalRole.Member).ToWire() });
                    insert.Parameters.Add(new NpgsqlParameter { Value = draft.Active });
                    insert.Parameters.Add(Text(draft.ExternalId));
                    insert.Parameters.Add(new NpgsqlParameter { Value = draft.Source });
                    insert.Parameters.Add(Text(draft.PasswordHash));
                    insert.Parameters.Add(new NpgsqlParameter { Value = timeProvider.GetUtcNow() });
                    await using var reader = await insert.ExecuteReaderAsync(token);
                    await reader.ReadAsync(token);
                    return new PortalUserWrite.Written(Read(reader));
                },
                cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && ex.ConstraintName is EmailKey or ExternalIdKey)
        {
            return Conflict(ex);
        }
    }

    public Task<PortalUser?> GetAsync(OrgId org, Guid id, CancellationToken cancellationToken) =>
        orgScope.RunAsync(org, (session, token) => ReadOneAsync(session, id, forUpdate: false, token), cancellationToken);

    public Task<(IReadOnlyList<PortalUser> Users, long Total)> ListAsync(OrgId org, PortalUserFilter filter, int offset, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return orgScope.RunAsync<(IReadOnlyList<PortalUser>, long)>(
            org,
            async (session, token) =>
            {
                long total;
                await using (var count = session.CreateCommand(CountSql))
                {
                    AddFilter(count, filter);
                    total = (long)(await count.ExecuteScalarAsync(token))!;
                }

                var users = new List<PortalUser>();
                if (limit > 0)
                {
                    await using var list = session.CreateCommand(ListSql);
                    AddFilter(list, filter);
                    list.Parameters.Add(new NpgsqlParameter { Value = limit });
                    list.Parameters.Add(new NpgsqlParameter { Value = offset });
                    await using var reader = await list.ExecuteReaderAsync(token);
                    while (await reader.ReadAsync(token))
                    {
                        users.Add(Read(reader));
                    }
                }

                return (users, total);
            },
            cancellationToken);
    }

    /// <summary>
    /// Reads the user under a row lock, applies <paramref name="change"/> and writes the result; a user left inactive loses
    /// every session in the same transaction. A change that returns null leaves the user as it is (nothing is written).
    /// </summary>
    public async Task<PortalUserWrite> UpdateAsync(OrgId org, Guid id, Func<PortalUser, PortalUserDraft?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        try
        {
            return await orgScope.RunAsync<PortalUserWrite>(
                org,
                async (session, token) =>
                {
                    if (await ReadOneAsync(session, id, forUpdate: true, token) is not { } current)
                    {
                        return new PortalUserWrite.NotFound();
                    }

                    if (change(current) is not { } draft)
                    {
                        return new PortalUserWrite.Written(current);
                    }

                    PortalUser updated;
                    await using (var update = session.CreateCommand(UpdateSql))
                    {
                        update.Parameters.Add(new NpgsqlParameter { Value = id });
                        update.Parameters.Add(new NpgsqlParameter { Value = draft.Email.Value });
                        update.Parameters.Add(new NpgsqlParameter { Value = draft.DisplayName });
                        update.Parameters.Add(Text(draft.GivenName));
                        update.Parameters.Add(Text(draft.FamilyName));
                        update.Parameters.Add(Text(draft.Role?.ToWire()));
                        update.Parameters.Add(new NpgsqlParameter { Value = draft.Active });
                        update.Parameters.Add(Text(draft.ExternalId));
                        update.Parameters.Add(Text(draft.PasswordHash));
                        update.Parameters.Add(new NpgsqlParameter { Value = timeProvider.GetUtcNow() });
                        await using var reader = await update.ExecuteReaderAsync(token);
                        await reader.ReadAsync(token);
                        updated = Read(reader);
                    }

                    if (!updated.Active)
                    {
                        await EndSessionsAsync(session, id, token);
                    }

                    return new PortalUserWrite.Written(updated);
                },
                cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && ex.ConstraintName is EmailKey or ExternalIdKey)
        {
            return Conflict(ex);
        }
    }

    /// <summary>Deletes the user; their sessions go with them (ON DELETE CASCADE).</summary>
    public Task<bool> DeleteAsync(OrgId org, Guid id, CancellationToken cancellationToken) =>
        orgScope.RunAsync(
            org,
            async (session, token) =>
            {
                await using var delete = session.CreateCommand("DELETE FROM portal_users WHERE id = $1");
                delete.Parameters.Add(new NpgsqlParameter { Value = id });
                return await delete.ExecuteNonQueryAsync(token) == 1;
            },
            cancellationToken);

    /// <summary>The account an email names, in any org, through the auth-bootstrap definer function; null when none.</summary>
    public async Task<LoginCandidate?> LookupForLoginAsync(LoginEmail email, CancellationToken cancellationToken)
    {
        await using var command = appDataSource.CreateCommand("SELECT user_id, org_id, password_hash, active, org_status FROM auth_lookup_portal_user($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = email.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || !OrgId.TryCreate(reader.GetString(1), out var org))
        {
            return null;
        }

        return new LoginCandidate(reader.GetGuid(0), org.Value, reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetBoolean(3), reader.GetString(4) == "active");
    }

    /// <summary>The user and the display name of their org (its <c>organizations</c> row, null when it has none), in one scope.</summary>
    public Task<(PortalUser? User, string? OrganizationName)> GetProfileAsync(OrgId org, Guid userId, CancellationToken cancellationToken) =>
        orgScope.RunAsync<(PortalUser?, string?)>(
            org,
            async (session, token) =>
            {
                var user = await ReadOneAsync(session, userId, forUpdate: false, token);
                await using var command = session.CreateCommand("SELECT name FROM organizations WHERE org_id = $1");
                command.Parameters.Add(new NpgsqlParameter { Value = org.Value });
                return (user, await command.ExecuteScalarAsync(token) as string);
            },
            cancellationToken);

    internal static async Task EndSessionsAsync(OrgScopedSession session, Guid userId, CancellationToken cancellationToken)
    {
        await using var delete = session.CreateCommand("DELETE FROM portal_sessions WHERE user_id = $1");
        delete.Parameters.Add(new NpgsqlParameter { Value = userId });
        await delete.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<PortalUser?> ReadOneAsync(OrgScopedSession session, Guid id, bool forUpdate, CancellationToken cancellationToken)
    {
        await using var command = session.CreateCommand(forUpdate
            ? $"SELECT {Columns} FROM portal_users WHERE id = $1 FOR UPDATE"
            : $"SELECT {Columns} FROM portal_users WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static void AddFilter(NpgsqlCommand command, PortalUserFilter filter)
    {
        command.Parameters.Add(Text(filter.Email));
        command.Parameters.Add(Text(filter.ExternalId));
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Id ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Active ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Boolean });
    }

    private static PortalUserWrite Conflict(PostgresException ex) =>
        ex.ConstraintName == EmailKey ? new PortalUserWrite.EmailTaken() : new PortalUserWrite.ExternalIdTaken();

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static PortalUser Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        OrgId.Create(reader.GetString(1)),
        reader.GetString(2),
        reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        PortalRoleNames.TryParse(reader.GetString(6), out var role) ? role.Value : PortalRole.Member,
        reader.GetBoolean(7),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.GetString(9),
        reader.GetBoolean(10),
        reader.GetFieldValue<DateTimeOffset>(11),
        reader.GetFieldValue<DateTimeOffset>(12),
        reader.IsDBNull(13) ? null : reader.GetFieldValue<DateTimeOffset>(13));
}
