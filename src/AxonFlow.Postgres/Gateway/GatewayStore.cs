using AxonFlow.Core.Identity;
using AxonFlow.Postgres.OrgScoping;
using Npgsql;

namespace AxonFlow.Postgres.Gateway;

/// <summary>Gateway-mode persistence: pre-check contexts and the LLM-call audits that must reference one.</summary>
public sealed class GatewayStore(OrgScope orgScope)
{
    private const string InsertContextSql = """
        INSERT INTO gateway_contexts (context_id, org_id, client_id, tenant_id, user_id, user_token_hash, query_hash, data_sources,
            policies_evaluated, approved, requires_redaction, block_reason, expires_at)
        VALUES ($1, $2, $3, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
        """;

    // RLS already limits the lookup to the caller's org; the client must match too, and the context must be unexpired.
    private const string InsertAuditSql = """
        INSERT INTO llm_call_audits (audit_id, org_id, client_id, tenant_id, context_id, provider, model, prompt_tokens,
            completion_tokens, total_tokens, latency_ms, estimated_cost_usd, metadata, user_id)
        SELECT $1, c.org_id, c.client_id, c.client_id, c.context_id, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, c.user_id
        FROM gateway_contexts c
        WHERE c.context_id = $2 AND c.client_id = $3 AND c.expires_at > $12
        """;

    public Task CreateContextAsync(GatewayContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return orgScope.RunAsync(context.Org, async (session, token) =>
        {
            await using var insert = session.CreateCommand(InsertContextSql);
            insert.Parameters.Add(new NpgsqlParameter { Value = context.ContextId });
            insert.Parameters.Add(new NpgsqlParameter { Value = context.Org.Value });
            insert.Parameters.Add(new NpgsqlParameter { Value = context.Client.Value });
            insert.Parameters.Add(Text(context.UserId));
            insert.Parameters.Add(Text(context.UserTokenHash));
            insert.Parameters.Add(Text(context.QueryHash));
            insert.Parameters.Add(new NpgsqlParameter { Value = context.DataSources.ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = context.PoliciesEvaluated.ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = context.Approved });
            insert.Parameters.Add(new NpgsqlParameter { Value = context.RequiresRedaction });
            insert.Parameters.Add(Text(context.BlockReason));
            insert.Parameters.Add(new NpgsqlParameter { Value = context.ExpiresAt });
            await insert.ExecuteNonQueryAsync(token);
        }, cancellationToken);
    }

    /// <summary>Records the call and returns its audit id, or null when the context is unknown to this caller or expired.</summary>
    public Task<Guid?> AuditLlmCallAsync(OrgId org, ClientId client, LlmCallAudit call, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var auditId = Guid.CreateVersion7();
        return orgScope.RunAsync<Guid?>(org, async (session, token) =>
        {
            await using var insert = session.CreateCommand(InsertAuditSql);
            insert.Parameters.Add(new NpgsqlParameter { Value = auditId });
            insert.Parameters.Add(new NpgsqlParameter { Value = call.ContextId });
            insert.Parameters.Add(new NpgsqlParameter { Value = client.Value });
            insert.Parameters.Add(new NpgsqlParameter { Value = call.Provider });
            insert.Parameters.Add(new NpgsqlParameter { Value = call.Model });
            insert.Parameters.Add(new NpgsqlParameter { Value = call.PromptTokens });
            insert.Parameters.Add(new NpgsqlParameter { Value = call.CompletionTokens });
            insert.Parameters.Add(new NpgsqlParameter { Value = call.TotalTokens });
            insert.Parameters.Add(new NpgsqlParameter { Value = call.LatencyMs });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)call.EstimatedCostUsd ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Numeric });
            insert.Parameters.Add(new NpgsqlParameter { Value = call.MetadataJson });
            insert.Parameters.Add(new NpgsqlParameter { Value = now });
            return await insert.ExecuteNonQueryAsync(token) == 1 ? auditId : null;
        }, cancellationToken);
    }

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text };
}
