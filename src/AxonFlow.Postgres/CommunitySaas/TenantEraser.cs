using System.Text.Json;
using AxonFlow.Core.CommunitySaas;
using AxonFlow.Core.Identity;
using AxonFlow.Postgres.Credentials;
using AxonFlow.Postgres.OrgScoping;
using Npgsql;
using NpgsqlTypes;

namespace AxonFlow.Postgres.CommunitySaas;

/// <summary>
/// GDPR erasure of one Community SaaS tenant, in ONE transaction of the tenant's own org scope on the app pool: claim the
/// confirmation token, delete every row of the org from every table with an <c>org_id</c> column (found in the catalog),
/// delete the recovery tokens of its email digest, tell every node its credential changed, and append the
/// <c>deletion_log</c> row. Any failure — including a wrong token — rolls all of it back.
/// </summary>
/// <remarks>
/// Why the app role and not the platform-admin pool: every row erased is the org's own, which its RLS policy lets the app
/// role delete inside the org scope; the only cross-org state touched is keyed by values the caller proved (the email
/// digest in the global recovery-token table, to which the app role is granted, and the append-only ledger, INSERT
/// only). Nothing here reads another org's rows, so the BYPASSRLS pool would only widen what a bug could reach.
/// </remarks>
public sealed class TenantEraser(OrgScope scope, DeleteTokenStore tokens, CommunitySaasDigests digests)
{
    public const string SubjectKind = "tenant";

    public const string Actor = "tenant";

    private const string StripeCustomersSql = """
        SELECT stripe_customer_id FROM community_saas_tenants WHERE org_id = $1 AND stripe_customer_id IS NOT NULL
        UNION
        SELECT stripe_customer_id FROM plugin_user_licenses WHERE org_id = $1 AND stripe_customer_id IS NOT NULL
        """;

    private const string EmailHashSql = "SELECT email_hash FROM community_saas_tenants WHERE org_id = $1 AND email_hash IS NOT NULL";

    private const string DeleteRecoveryTokensSql = "DELETE FROM csaas_recovery_tokens WHERE email_hash = $1";

    private const string LedgerSql = """
        INSERT INTO deletion_log (subject_hash, subject_kind, scope, actor, deleted_at)
        VALUES ($1, $2, $3, $4, $5)
        RETURNING id
        """;

    /// <summary>Erases the tenant, or returns null (and changes nothing) when the token is not valid for it.</summary>
    public async Task<ErasureReceipt?> EraseAsync(OrgId tenant, SplitToken token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        try
        {
            return await scope.RunAsync(tenant, (session, ct) => EraseInScopeAsync(session, token, now, ct), cancellationToken);
        }
        catch (TokenRejectedException)
        {
            return null;
        }
    }

    private async Task<ErasureReceipt> EraseInScopeAsync(OrgScopedSession session, SplitToken token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!await tokens.ClaimAsync(session, token, now, cancellationToken))
        {
            // Thrown so OrgScope rolls the claim back: a wrong verifier leaves the real token usable.
            throw new TokenRejectedException();
        }

        var stripeCustomers = await ReadStringsAsync(session, StripeCustomersSql, cancellationToken);
        byte[]? emailHash;
        await using (var read = session.CreateCommand(EmailHashSql))
        {
            read.Parameters.Add(new NpgsqlParameter { Value = session.Org.Value });
            emailHash = await read.ExecuteScalarAsync(cancellationToken) as byte[];
        }

        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in await OrgTableCatalog.ReadInDeleteOrderAsync(session.CreateCommand, cancellationToken))
        {
            // The name comes from the catalog and is checked and quoted; the org is a parameter.
            await using var delete = session.CreateCommand($"DELETE FROM {OrgTableCatalog.Quote(table)} WHERE org_id = $1");
            delete.Parameters.Add(new NpgsqlParameter { Value = session.Org.Value });
            counts[table] = await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        if (emailHash is not null)
        {
            await using var delete = session.CreateCommand(DeleteRecoveryTokensSql);
            delete.Parameters.Add(new NpgsqlParameter { Value = emailHash });
            counts["csaas_recovery_tokens"] = await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var notify = session.CreateCommand(CredentialChangeChannel.NotifySql))
        {
            notify.Parameters.Add(new NpgsqlParameter { Value = session.Org.Value });
            await notify.ExecuteNonQueryAsync(cancellationToken);
        }

        long logId;
        await using (var ledger = session.CreateCommand(LedgerSql))
        {
            ledger.Parameters.Add(new NpgsqlParameter { Value = digests.ErasedSubject(session.Org.Value) });
            ledger.Parameters.Add(new NpgsqlParameter { Value = SubjectKind });
            ledger.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(new Dictionary<string, object> { ["tables"] = counts }), NpgsqlDbType = NpgsqlDbType.Jsonb });
            ledger.Parameters.Add(new NpgsqlParameter { Value = Actor });
            ledger.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            logId = (long)(await ledger.ExecuteScalarAsync(cancellationToken))!;
        }

        return new ErasureReceipt(logId, now, counts, stripeCustomers);
    }

    private static async Task<IReadOnlyList<string>> ReadStringsAsync(OrgScopedSession session, string sql, CancellationToken cancellationToken)
    {
        await using var command = session.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = session.Org.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private sealed class TokenRejectedException : Exception;
}
