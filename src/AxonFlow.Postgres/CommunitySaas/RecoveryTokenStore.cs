using AxonFlow.Core.CommunitySaas;
using AxonFlow.Postgres.OrgScoping;
using Npgsql;
using NpgsqlTypes;

namespace AxonFlow.Postgres.CommunitySaas;

/// <summary>
/// Recovery magic links in <c>csaas_recovery_tokens</c> (global: keyed by the email digest). Issued inside the org
/// scope that also enqueues the email, so the token and its message commit together; consumed atomically on the app pool.
/// </summary>
public sealed class RecoveryTokenStore(NpgsqlDataSource appDataSource, SplitTokenHasher hasher)
{
    private const string InsertSql = """
        INSERT INTO csaas_recovery_tokens (selector, email_hash, token_hash, created_at, expires_at)
        VALUES ($1, $2, $3, $4, $5)
        """;

    // Spent and expired links are of no use to anyone; each issue clears a bounded batch of them.
    private const string PruneSql = """
        DELETE FROM csaas_recovery_tokens
        WHERE selector IN (SELECT selector FROM csaas_recovery_tokens WHERE expires_at < $1 LIMIT 100)
        """;

    // Single use: only one transaction can flip used_at; a concurrent one waits on the row lock and then finds it used.
    private const string ClaimSql = """
        UPDATE csaas_recovery_tokens SET used_at = $2
        WHERE selector = $1 AND used_at IS NULL AND expires_at > $2
        RETURNING token_hash, email_hash
        """;

    public async Task<SplitToken> IssueAsync(OrgScopedSession session, byte[] emailHash, DateTimeOffset now, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        await using (var prune = session.CreateCommand(PruneSql))
        {
            prune.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            await prune.ExecuteNonQueryAsync(cancellationToken);
        }

        var token = SplitToken.New();
        await using var insert = session.CreateCommand(InsertSql);
        insert.Parameters.Add(new NpgsqlParameter { Value = token.Selector });
        insert.Parameters.Add(new NpgsqlParameter { Value = emailHash });
        insert.Parameters.Add(new NpgsqlParameter { Value = hasher.Hash(SplitTokenKind.Recovery, token) });
        insert.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        insert.Parameters.Add(new NpgsqlParameter { Value = now + lifetime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await insert.ExecuteNonQueryAsync(cancellationToken);
        return token;
    }

    /// <summary>
    /// Uses the token up and returns the email digest it was issued for; null when it is unknown, used, expired or its
    /// verifier is wrong. The claim and the verifier check share one transaction: a wrong verifier rolls the claim back,
    /// so guessing at a selector cannot burn the real link.
    /// </summary>
    public async Task<byte[]?> ConsumeAsync(SplitToken token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        await using var connection = await appDataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        byte[]? emailHash = null;
        await using (var claim = new NpgsqlCommand(ClaimSql, connection, transaction))
        {
            claim.Parameters.Add(new NpgsqlParameter { Value = token.Selector });
            claim.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken) && hasher.Matches(SplitTokenKind.Recovery, token, reader.GetFieldValue<byte[]>(0)))
            {
                emailHash = reader.GetFieldValue<byte[]>(1);
            }
        }

        if (emailHash is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        await transaction.CommitAsync(cancellationToken);
        return emailHash;
    }
}
