using AxonFlow.Core.Credentials;
using AxonFlow.Core.Identity;
using AxonFlow.Core.Portal;
using AxonFlow.Postgres.OrgScoping;
using Npgsql;
using NpgsqlTypes;

namespace AxonFlow.Postgres.Portal;

/// <summary>
/// Server-side portal sessions. The cookie value is a random 256-bit token; only its keyed hash is stored, so a database
/// read yields no usable session. Resolving a cookie happens before the org is known (the SECURITY DEFINER
/// <c>auth_lookup_portal_session()</c>); starting, touching and ending a session run in the session's org scope.
/// </summary>
public sealed class PortalSessionStore(NpgsqlDataSource appDataSource, OrgScope orgScope, CredentialHasher hasher)
{
    private const string InsertSql = """
        INSERT INTO portal_sessions (org_id, user_id, token_hash, created_at, last_seen_at, expires_at)
        VALUES ($1, $2, $3, $4, $4, $5)
        RETURNING id
        """;

    private const string RecordLoginSql = "UPDATE portal_users SET last_login_at = $2, password_hash = coalesce($3, password_hash) WHERE id = $1";

    private const string LookupSql = """
        SELECT session_id, org_id, user_id, email, role, user_active, org_status, created_at, last_seen_at, expires_at
        FROM auth_lookup_portal_session($1)
        """;

    /// <summary>
    /// Starts a session for a user who just proved their password, records the login and, when the stored hash was made
    /// at an older cost, replaces it with <paramref name="rehashedPassword"/>, all in one transaction.
    /// </summary>
    public Task<StartedSession> StartAsync(OrgId org, Guid userId, DateTimeOffset now, DateTimeOffset expiresAt, string? rehashedPassword, CancellationToken cancellationToken)
    {
        var token = PortalTokens.NewSessionToken();
        return orgScope.RunAsync(
            org,
            async (session, ct) =>
            {
                Guid id;
                await using (var insert = session.CreateCommand(InsertSql))
                {
                    insert.Parameters.Add(new NpgsqlParameter { Value = org.Value });
                    insert.Parameters.Add(new NpgsqlParameter { Value = userId });
                    insert.Parameters.Add(new NpgsqlParameter { Value = PortalTokens.HashSession(hasher, token) });
                    insert.Parameters.Add(new NpgsqlParameter { Value = now });
                    insert.Parameters.Add(new NpgsqlParameter { Value = expiresAt });
                    id = (Guid)(await insert.ExecuteScalarAsync(ct))!;
                }

                await using var login = session.CreateCommand(RecordLoginSql);
                login.Parameters.Add(new NpgsqlParameter { Value = userId });
                login.Parameters.Add(new NpgsqlParameter { Value = now });
                login.Parameters.Add(new NpgsqlParameter { Value = (object?)rehashedPassword ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
                await login.ExecuteNonQueryAsync(ct);
                return new StartedSession(id, token, now, expiresAt);
            },
            cancellationToken);
    }

    /// <summary>The session a cookie value names, or null. Malformed values never reach the database.</summary>
    public async Task<StoredSession?> LookupAsync(string token, CancellationToken cancellationToken)
    {
        if (!PortalTokens.IsWellFormedSessionToken(token))
        {
            return null;
        }

        await using var command = appDataSource.CreateCommand(LookupSql);
        command.Parameters.Add(new NpgsqlParameter { Value = PortalTokens.HashSession(hasher, token) });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || !OrgId.TryCreate(reader.GetString(1), out var org))
        {
            return null;
        }

        return new StoredSession(
            reader.GetGuid(0),
            org.Value,
            reader.GetGuid(2),
            reader.GetString(3),
            PortalRoleNames.TryParse(reader.GetString(4), out var role) ? role.Value : PortalRole.Member,
            reader.GetBoolean(5),
            reader.GetString(6) == "active",
            reader.GetFieldValue<DateTimeOffset>(7),
            reader.GetFieldValue<DateTimeOffset>(8),
            reader.GetFieldValue<DateTimeOffset>(9));
    }

    /// <summary>Slides the idle window: the session was used at <paramref name="now"/>.</summary>
    public Task TouchAsync(OrgId org, Guid sessionId, DateTimeOffset now, CancellationToken cancellationToken) =>
        orgScope.RunAsync(
            org,
            async (session, token) =>
            {
                await using var touch = session.CreateCommand("UPDATE portal_sessions SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2");
                touch.Parameters.Add(new NpgsqlParameter { Value = sessionId });
                touch.Parameters.Add(new NpgsqlParameter { Value = now });
                await touch.ExecuteNonQueryAsync(token);
            },
            cancellationToken);

    public Task<bool> EndAsync(OrgId org, Guid sessionId, CancellationToken cancellationToken) =>
        orgScope.RunAsync(
            org,
            async (session, token) =>
            {
                await using var delete = session.CreateCommand("DELETE FROM portal_sessions WHERE id = $1");
                delete.Parameters.Add(new NpgsqlParameter { Value = sessionId });
                return await delete.ExecuteNonQueryAsync(token) == 1;
            },
            cancellationToken);
}
