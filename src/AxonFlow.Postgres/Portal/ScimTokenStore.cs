using AxonFlow.Core.Credentials;
using AxonFlow.Core.Identity;
using AxonFlow.Core.Portal;
using AxonFlow.Postgres.OrgScoping;
using Npgsql;
using NpgsqlTypes;

namespace AxonFlow.Postgres.Portal;

/// <summary>
/// Bearer tokens of the SCIM surface, minted and revoked by portal admins. Only the keyed hash is stored; a revocation
/// applies on the next request because found tokens are never cached.
/// </summary>
public sealed class ScimTokenStore(NpgsqlDataSource appDataSource, OrgScope orgScope, CredentialHasher hasher)
{
    private const string InsertSql = """
        INSERT INTO scim_tokens (org_id, token_hash, token_prefix, label, created_by, created_at, expires_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        RETURNING id
        """;

    public Task<IssuedScimToken> IssueAsync(OrgId org, string label, string createdBy, DateTimeOffset now, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(createdBy);
        var token = PortalTokens.NewScimToken();
        var prefix = SecretGenerator.PrefixOf(token);
        return orgScope.RunAsync(
            org,
            async (session, ct) =>
            {
                await using var insert = session.CreateCommand(InsertSql);
                insert.Parameters.Add(new NpgsqlParameter { Value = org.Value });
                insert.Parameters.Add(new NpgsqlParameter { Value = PortalTokens.HashScim(hasher, token) });
                insert.Parameters.Add(new NpgsqlParameter { Value = prefix });
                insert.Parameters.Add(new NpgsqlParameter { Value = label });
                insert.Parameters.Add(new NpgsqlParameter { Value = createdBy });
                insert.Parameters.Add(new NpgsqlParameter { Value = now });
                insert.Parameters.Add(new NpgsqlParameter { Value = (object?)expiresAt ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
                var id = (Guid)(await insert.ExecuteScalarAsync(ct))!;
                return new IssuedScimToken(id, token, prefix, label, now, expiresAt);
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<ScimTokenInfo>> ListAsync(OrgId org, CancellationToken cancellationToken) =>
        orgScope.RunAsync<IReadOnlyList<ScimTokenInfo>>(
            org,
            async (session, token) =>
            {
                await using var list = session.CreateCommand(
                    "SELECT id, token_prefix, label, created_by, created_at, expires_at, revoked_at, last_used_at FROM scim_tokens ORDER BY created_at DESC, id");
                await using var reader = await list.ExecuteReaderAsync(token);
                var tokens = new List<ScimTokenInfo>();
                while (await reader.ReadAsync(token))
                {
                    tokens.Add(new ScimTokenInfo(
                        reader.GetGuid(0),
                        reader.GetString(1),
                        reader.GetString(2),
                        reader.GetString(3),
                        reader.GetFieldValue<DateTimeOffset>(4),
                        reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                        reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                        reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7)));
                }

                return tokens;
            },
            cancellationToken);

    /// <summary>Revokes the token (idempotent); false when the org has no such token.</summary>
    public Task<bool> RevokeAsync(OrgId org, Guid id, DateTimeOffset now, CancellationToken cancellationToken) =>
        orgScope.RunAsync(
            org,
            async (session, token) =>
            {
                await using var revoke = session.CreateCommand("UPDATE scim_tokens SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1");
                revoke.Parameters.Add(new NpgsqlParameter { Value = id });
                revoke.Parameters.Add(new NpgsqlParameter { Value = now });
                return await revoke.ExecuteNonQueryAsync(token) == 1;
            },
            cancellationToken);

    /// <summary>The token a bearer value names, or null; malformed values never reach the database.</summary>
    public async Task<StoredScimToken?> LookupAsync(string token, CancellationToken cancellationToken)
    {
        if (!PortalTokens.IsWellFormedScimToken(token))
        {
            return null;
        }

        await using var command = appDataSource.CreateCommand("SELECT token_id, org_id, expires_at, revoked_at, last_used_at, org_status FROM auth_lookup_scim_token($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = PortalTokens.HashScim(hasher, token) });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || !OrgId.TryCreate(reader.GetString(1), out var org))
        {
            return null;
        }

        return new StoredScimToken(
            reader.GetGuid(0),
            org.Value,
            reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2),
            reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
            reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
            reader.GetString(5) == "active");
    }

    public Task TouchAsync(OrgId org, Guid id, DateTimeOffset now, CancellationToken cancellationToken) =>
        orgScope.RunAsync(
            org,
            async (session, token) =>
            {
                await using var touch = session.CreateCommand("UPDATE scim_tokens SET last_used_at = $2 WHERE id = $1");
                touch.Parameters.Add(new NpgsqlParameter { Value = id });
                touch.Parameters.Add(new NpgsqlParameter { Value = now });
                await touch.ExecuteNonQueryAsync(token);
            },
            cancellationToken);
}
