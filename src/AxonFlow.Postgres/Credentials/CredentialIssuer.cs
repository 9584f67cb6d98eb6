using System.Globalization;
using AxonFlow.Core.Credentials;
using AxonFlow.Core.Identity;
using AxonFlow.Postgres.Audit;
using AxonFlow.Postgres.OrgScoping;
using Npgsql;
using NpgsqlTypes;

namespace AxonFlow.Postgres.Credentials;

/// <summary>
/// The client-credential lifecycle of one org: issue (the secret is returned once and stored only as its keyed hash),
/// list (never a secret), rotate (a new secret; the old ones revoked at once or after a grace period), revoke.
/// Every operation runs inside an <see cref="OrgScopedSession"/> the caller opened for the org — the app-role scope for
/// the portal and the admin API alike — and filters on the session's org explicitly as well, so it is correct under RLS.
/// Each change is recorded in <c>agent_audit_logs</c> and announced on <see cref="CredentialChangeChannel"/> in the same
/// transaction, and forgotten in this node's <see cref="UnregisteredClientCache"/>; other nodes forget it when notified.
/// Security invariant: client ids are global — an id another org holds (even revoked) is refused, never reused.
/// </summary>
public sealed class CredentialIssuer(CredentialHasher hasher, UnregisteredClientCache unregistered, TimeProvider timeProvider)
{
    /// <summary>The longest a replaced secret may keep working after a rotation.</summary>
    public static readonly TimeSpan MaxRotationGrace = TimeSpan.FromDays(7);

    private const int GeneratedClientIdAttempts = 3;

    private const string ClaimSql = "SELECT auth_claim_client_id($1)";

    private const string ExistsSql = "SELECT EXISTS (SELECT 1 FROM api_keys WHERE org_id = $1 AND client_id = $2)";

    private const string InsertSql = """
        INSERT INTO api_keys (org_id, client_id, tenant_id, secret_hash, secret_prefix, label, expires_at)
        VALUES ($1, $2, $2, $3, $4, $5, $6)
        RETURNING id
        """;

    private const string ListSql = """
        SELECT client_id,
               (array_agg(label ORDER BY created_at DESC, id))[1],
               (array_agg(secret_prefix ORDER BY created_at DESC, id))[1],
               (count(*) FILTER (WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)))::int,
               bool_and(revoked_at IS NOT NULL),
               min(created_at),
               CASE WHEN count(*) > 1 THEN max(created_at) END,
               (array_agg(expires_at ORDER BY created_at DESC, id))[1],
               max(last_used_at),
               max(revoked_at)
        FROM api_keys
        WHERE org_id = $1 AND ($3::text IS NULL OR client_id = $3)
        GROUP BY client_id
        ORDER BY min(created_at), client_id
        """;

    private const string LockSql = """
        SELECT label, expires_at, revoked_at IS NULL
        FROM api_keys
        WHERE org_id = $1 AND client_id = $2
        ORDER BY created_at DESC, id
        FOR UPDATE
        """;

    private const string RevokeOthersSql = """
        UPDATE api_keys SET revoked_at = $3
        WHERE org_id = $1 AND client_id = $2 AND revoked_at IS NULL AND id <> $4
        """;

    private const string ExpireOthersSql = """
        UPDATE api_keys SET expires_at = CASE WHEN expires_at IS NULL OR expires_at > $3 THEN $3 ELSE expires_at END
        WHERE org_id = $1 AND client_id = $2 AND revoked_at IS NULL AND id <> $4
        """;

    private const string RevokeSql = """
        UPDATE api_keys SET revoked_at = $3
        WHERE org_id = $1 AND client_id = $2 AND revoked_at IS NULL
        """;

    /// <summary>Issues a new credential; refused when the client id already exists in this org or any other.</summary>
    public async Task<CredentialIssue> IssueAsync(OrgScopedSession session, CredentialRequest request, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(request);
        for (var attempt = 0; attempt < GeneratedClientIdAttempts; attempt++)
        {
            var client = request.Client ?? ClientId.Create("axc_" + SecretGenerator.RandomString(20));
            if (await ClaimAsync(session, client, cancellationToken) && !await ExistsAsync(session, client, cancellationToken))
            {
                return new CredentialIssue.Issued(await InsertAsync(session, request with { Client = client }, actor, "credential.issued", cancellationToken));
            }

            if (request.Client is not null)
            {
                break;
            }
        }

        return new CredentialIssue.ClientIdInUse();
    }

    /// <summary>
    /// Adds a secret to a client id this org already holds, or issues it when nobody does; refused only when another org
    /// holds it. For flows that hand out one secret per registration (the older secrets keep working until revoked).
    /// </summary>
    public async Task<CredentialIssue> AddSecretAsync(OrgScopedSession session, CredentialRequest request, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Client is not { } client)
        {
            return await IssueAsync(session, request, actor, cancellationToken);
        }

        return await ClaimAsync(session, client, cancellationToken)
            ? new CredentialIssue.Issued(await InsertAsync(session, request, actor, "credential.issued", cancellationToken))
            : new CredentialIssue.ClientIdInUse();
    }

    public async Task<IReadOnlyList<CredentialSummary>> ListAsync(OrgScopedSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return await ReadSummariesAsync(session, null, cancellationToken);
    }

    public async Task<CredentialSummary?> GetAsync(OrgScopedSession session, ClientId client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var found = await ReadSummariesAsync(session, client, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>
    /// Issues a new secret for the client id. With a zero <paramref name="grace"/> the previous secrets are revoked in the
    /// same transaction; otherwise they keep working until now + grace (at most <see cref="MaxRotationGrace"/>).
    /// The new secret keeps the credential's label and its expiry when that is still ahead.
    /// </summary>
    public async Task<CredentialRotation> RotateAsync(OrgScopedSession session, ClientId client, TimeSpan grace, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentOutOfRangeException.ThrowIfLessThan(grace, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(grace, MaxRotationGrace);
        var now = timeProvider.GetUtcNow();
        string? label = null;
        DateTimeOffset? expiresAt = null;
        var anyUnrevoked = false;
        await using (var lockRows = session.CreateCommand(LockSql))
        {
            AddKey(lockRows, session, client);
            await using var reader = await lockRows.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (label is null)
                {
                    label = reader.GetString(0);
                    expiresAt = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1);
                }

                anyUnrevoked |= reader.GetBoolean(2);
            }
        }

        if (label is null)
        {
            return new CredentialRotation.NotFound();
        }

        if (!anyUnrevoked)
        {
            return new CredentialRotation.Revoked();
        }

        var rotated = await InsertAsync(session, new CredentialRequest(client, label, expiresAt > now ? expiresAt : null), actor, null, cancellationToken);
        DateTimeOffset? validUntil = grace == TimeSpan.Zero ? null : now + grace;
        await using (var retire = session.CreateCommand(validUntil is null ? RevokeOthersSql : ExpireOthersSql))
        {
            AddKey(retire, session, client);
            retire.Parameters.Add(new NpgsqlParameter { Value = validUntil ?? now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            retire.Parameters.Add(new NpgsqlParameter { Value = rotated.KeyId });
            await retire.ExecuteNonQueryAsync(cancellationToken);
        }

        await AgentAuditLog.AppendAsync(session, actor, "credential.rotated", Resource(client), new Dictionary<string, string?>
        {
            ["client_id"] = client.Value,
            ["secret_prefix"] = rotated.SecretPrefix,
            ["grace_seconds"] = ((long)grace.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            ["previous_valid_until"] = validUntil?.ToString("O", CultureInfo.InvariantCulture),
        }, now, cancellationToken);
        return new CredentialRotation.Rotated(rotated, validUntil);
    }

    /// <summary>Revokes every secret of the client id; the next request with any of them gets 401, on every node.</summary>
    public async Task<CredentialRevocation> RevokeAsync(OrgScopedSession session, ClientId client, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var now = timeProvider.GetUtcNow();
        int revoked;
        await using (var revoke = session.CreateCommand(RevokeSql))
        {
            AddKey(revoke, session, client);
            revoke.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            revoked = await revoke.ExecuteNonQueryAsync(cancellationToken);
        }

        if (revoked == 0 && !await ExistsAsync(session, client, cancellationToken))
        {
            return new CredentialRevocation.NotFound();
        }

        if (revoked > 0)
        {
            await NotifyAsync(session, client, cancellationToken);
            await AgentAuditLog.AppendAsync(session, actor, "credential.revoked", Resource(client), new Dictionary<string, string?>
            {
                ["client_id"] = client.Value,
                ["secrets_revoked"] = revoked.ToString(CultureInfo.InvariantCulture),
            }, now, cancellationToken);
        }

        return new CredentialRevocation.Revoked(revoked, now);
    }

    private async Task<IssuedCredential> InsertAsync(OrgScopedSession session, CredentialRequest request, AuditActor actor, string? auditAction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request.Label);
        var client = request.Client!.Value;
        var secret = SecretGenerator.NewClientSecret();
        var prefix = SecretGenerator.PrefixOf(secret);
        Guid id;
        await using (var insert = session.CreateCommand(InsertSql))
        {
            AddKey(insert, session, client);
            insert.Parameters.Add(new NpgsqlParameter { Value = hasher.Hash(secret) });
            insert.Parameters.Add(new NpgsqlParameter { Value = prefix });
            insert.Parameters.Add(new NpgsqlParameter { Value = request.Label });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)request.ExpiresAt ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            id = (Guid)(await insert.ExecuteScalarAsync(cancellationToken))!;
        }

        await NotifyAsync(session, client, cancellationToken);
        if (auditAction is not null)
        {
            await AgentAuditLog.AppendAsync(session, actor, auditAction, Resource(client), new Dictionary<string, string?>
            {
                ["client_id"] = client.Value,
                ["label"] = request.Label,
                ["secret_prefix"] = prefix,
                ["expires_at"] = request.ExpiresAt?.ToString("O", CultureInfo.InvariantCulture),
            }, timeProvider.GetUtcNow(), cancellationToken);
        }

        return new IssuedCredential(id, session.Org, client, secret, prefix, request.ExpiresAt);
    }

    private static async Task<bool> ClaimAsync(OrgScopedSession session, ClientId client, CancellationToken cancellationToken)
    {
        await using var claim = session.CreateCommand(ClaimSql);
        claim.Parameters.Add(new NpgsqlParameter { Value = client.Value });
        return (bool)(await claim.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<bool> ExistsAsync(OrgScopedSession session, ClientId client, CancellationToken cancellationToken)
    {
        await using var exists = session.CreateCommand(ExistsSql);
        AddKey(exists, session, client);
        return (bool)(await exists.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Tells every node (and this one, at once) that the client id has a new state.</summary>
    private async Task NotifyAsync(OrgScopedSession session, ClientId client, CancellationToken cancellationToken)
    {
        await using var notify = session.CreateCommand(CredentialChangeChannel.NotifySql);
        notify.Parameters.Add(new NpgsqlParameter { Value = client.Value });
        await notify.ExecuteNonQueryAsync(cancellationToken);
        unregistered.Forget(client);
    }

    private async Task<IReadOnlyList<CredentialSummary>> ReadSummariesAsync(OrgScopedSession session, ClientId? client, CancellationToken cancellationToken)
    {
        await using var list = session.CreateCommand(ListSql);
        list.Parameters.Add(new NpgsqlParameter { Value = session.Org.Value });
        list.Parameters.Add(new NpgsqlParameter { Value = timeProvider.GetUtcNow(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        list.Parameters.Add(new NpgsqlParameter { Value = (object?)client?.Value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await list.ExecuteReaderAsync(cancellationToken);
        var summaries = new List<CredentialSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!ClientId.TryCreate(reader.GetString(0), out var id))
            {
                continue;
            }

            var active = reader.GetInt32(3);
            var status = reader.GetBoolean(4) ? CredentialStatuses.Revoked : active > 0 ? CredentialStatuses.Active : CredentialStatuses.Expired;
            summaries.Add(new CredentialSummary(
                id.Value,
                reader.GetString(1),
                reader.GetString(2),
                status,
                active,
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
                reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9)));
        }

        return summaries;
    }

    private static void AddKey(NpgsqlCommand command, OrgScopedSession session, ClientId client)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = session.Org.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = client.Value });
    }

    private static string Resource(ClientId client) => "client:" + client.Value;
}
