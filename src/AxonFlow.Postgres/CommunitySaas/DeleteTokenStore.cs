using AxonFlow.Core.CommunitySaas;
using AxonFlow.Postgres.OrgScoping;
using Npgsql;
using NpgsqlTypes;

namespace AxonFlow.Postgres.CommunitySaas;

/// <summary>Erasure confirmation tokens in <c>csaas_delete_tokens</c>, always inside the tenant's own org scope.</summary>
public sealed class DeleteTokenStore(SplitTokenHasher hasher)
{
    private const string InsertSql = """
        INSERT INTO csaas_delete_tokens (selector, org_id, token_hash, created_at, expires_at)
        VALUES ($1, $2, $3, $4, $5)
        """;

    private const string ClaimSql = """
        UPDATE csaas_delete_tokens SET used_at = $3
        WHERE selector = $1 AND org_id = $2 AND used_at IS NULL AND expires_at > $3
        RETURNING token_hash
        """;

    public async Task<SplitToken> IssueAsync(OrgScopedSession session, DateTimeOffset now, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var token = SplitToken.New();
        await using var insert = session.CreateCommand(InsertSql);
        insert.Parameters.Add(new NpgsqlParameter { Value = token.Selector });
        insert.Parameters.Add(new NpgsqlParameter { Value = session.Org.Value });
        insert.Parameters.Add(new NpgsqlParameter { Value = hasher.Hash(SplitTokenKind.TenantDelete, token) });
        insert.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        insert.Parameters.Add(new NpgsqlParameter { Value = now + lifetime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await insert.ExecuteNonQueryAsync(cancellationToken);
        return token;
    }

    /// <summary>
    /// Marks the token used inside the session's transaction and says whether it was valid (known to this org, unused,
    /// unexpired, right verifier). The caller must roll the transaction back when this returns false, so a wrong
    /// verifier never burns the token.
    /// </summary>
    public async Task<bool> ClaimAsync(OrgScopedSession session, SplitToken token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(token);
        await using var claim = session.CreateCommand(ClaimSql);
        claim.Parameters.Add(new NpgsqlParameter { Value = token.Selector });
        claim.Parameters.Add(new NpgsqlParameter { Value = session.Org.Value });
        claim.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) && hasher.Matches(SplitTokenKind.TenantDelete, token, reader.GetFieldValue<byte[]>(0));
    }
}
