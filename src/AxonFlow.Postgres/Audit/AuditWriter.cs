using System.Text.Json;
using System.Threading.Channels;
using AxonFlow.Core.Identity;
using AxonFlow.Postgres.OrgScoping;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AxonFlow.Postgres.Audit;

/// <summary>
/// Durable audit by group commit: each request enqueues its row and awaits the flush of the batch it joined. One flush
/// runs at a time, so under load batches grow instead of commits multiplying. A row is acknowledged only after its
/// transaction committed; if the database fails, every waiter in that batch gets the exception (the request answers 503),
/// so nothing acknowledged is ever lost.
/// </summary>
public sealed partial class AuditWriter : IHostedService, IAsyncDisposable
{
    private const string InsertSql = """
        INSERT INTO audit_logs (org_id, client_id, tenant_id, audit_id, request_id, "timestamp", user_id, request_type,
            policy_decision, block_reason, policies, provider, model, prompt_tokens, completion_tokens, tokens_used, cost,
            response_time_ms, query_redacted, query_hash, client, error_message, risk_score, policy_details)
        SELECT $1, t.client_id, t.client_id, t.audit_id, t.request_id, t.ts, t.user_id, t.request_type,
            t.decision, t.block_reason, t.policies::jsonb, t.provider, t.model, t.prompt_tokens, t.completion_tokens,
            t.prompt_tokens + t.completion_tokens, t.cost, t.latency_ms, t.query_redacted, t.query_hash, t.client_header,
            t.error_message, t.risk_score, t.details::jsonb
        FROM unnest($2::text[], $3::uuid[], $4::text[], $5::timestamptz[], $6::text[], $7::text[], $8::text[], $9::text[],
            $10::text[], $11::text[], $12::text[], $13::int[], $14::int[], $15::numeric[], $16::int[], $17::text[],
            $18::text[], $19::text[], $20::text[], $21::float8[], $22::text[])
            AS t(client_id, audit_id, request_id, ts, user_id, request_type, decision, block_reason, policies, provider,
                 model, prompt_tokens, completion_tokens, cost, latency_ms, query_redacted, query_hash, client_header,
                 error_message, risk_score, details)
        """;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly OrgScope _orgScope;
    private readonly AuditWriterOptions _options;
    private readonly ILogger<AuditWriter> _logger;
    private readonly Channel<Pending> _queue;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;
    private int _disposed;

    public AuditWriter(OrgScope orgScope, AuditWriterOptions options, ILogger<AuditWriter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _orgScope = orgScope;
        _options = options;
        _logger = logger;
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(options.MaxQueuedRecords)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Completes when the record is committed; throws when it could not be.</summary>
    public async Task WriteAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var pending = new Pending(record, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, cancellationToken);

        // The caller may stop waiting, but the row is still written: an aborted client does not erase the decision.
        await pending.Committed.Task.WaitAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (_loop is not null)
        {
            // Drain what was accepted; give up only when the host's shutdown timeout expires.
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Registered both as a singleton and as a hosted service, so the container may dispose it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var batch = new List<Pending>(_options.MaxBatchSize);
        while (await _queue.Reader.WaitToReadAsync(cancellationToken))
        {
            while (batch.Count < _options.MaxBatchSize && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            await FlushAsync(batch, cancellationToken);
            batch.Clear();
        }
    }

    private async Task FlushAsync(List<Pending> batch, CancellationToken cancellationToken)
    {
        try
        {
            await InsertAsync(batch, cancellationToken);
            Complete(batch, null);
        }
        catch (PostgresException ex) when (batch.Count > 1 && !ex.IsTransient)
        {
            // One bad row must not fail its neighbours: retry each alone so only the offender's request fails.
            Log.BatchRejected(_logger, batch.Count, ex.SqlState);
            foreach (var pending in batch)
            {
                try
                {
                    await InsertAsync([pending], cancellationToken);
                    Complete([pending], null);
                }
                catch (Exception single) when (single is NpgsqlException or OperationCanceledException)
                {
                    Complete([pending], single);
                }
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            Log.FlushFailed(_logger, batch.Count, ex.GetType().Name);
            Complete(batch, ex);
        }
    }

    private Task InsertAsync(IReadOnlyList<Pending> batch, CancellationToken cancellationToken)
    {
        var byOrg = batch.GroupBy(p => p.Record.Org).ToDictionary(g => g.Key, g => g.Select(p => p.Record).ToList());
        return _orgScope.RunBatchForEachOrgAsync(byOrg.Keys, (org, commands) => commands.BatchCommands.Add(InsertFor(org, byOrg[org])), cancellationToken);
    }

    /// <summary>One multi-row INSERT per org: every column travels as one array parameter, filled in a single pass.</summary>
    private static NpgsqlBatchCommand InsertFor(OrgId org, List<AuditRecord> rows)
    {
        var n = rows.Count;
        var clients = new string[n];
        var auditIds = new Guid[n];
        var requestIds = new string[n];
        var timestamps = new DateTimeOffset[n];
        var users = new string?[n];
        var requestTypes = new string[n];
        var decisions = new string[n];
        var blockReasons = new string?[n];
        var policies = new string[n];
        var providers = new string?[n];
        var models = new string?[n];
        var promptTokens = new int[n];
        var completionTokens = new int[n];
        var costs = new decimal?[n];
        var latencies = new int[n];
        var queries = new string?[n];
        var hashes = new string?[n];
        var clientHeaders = new string?[n];
        var errors = new string?[n];
        var risks = new double[n];
        var details = new string[n];
        for (var i = 0; i < n; i++)
        {
            var r = rows[i];
            clients[i] = r.Client.Value;
            auditIds[i] = r.AuditId;
            requestIds[i] = r.RequestId;
            timestamps[i] = r.Timestamp;
            users[i] = r.UserId;
            requestTypes[i] = r.RequestType;
            decisions[i] = r.Decision;
            blockReasons[i] = r.BlockReason;
            policies[i] = JsonSerializer.Serialize(r.Policies, Json);
            providers[i] = r.Provider;
            models[i] = r.Model;
            promptTokens[i] = r.PromptTokens;
            completionTokens[i] = r.CompletionTokens;
            costs[i] = r.CostUsd;
            latencies[i] = r.LatencyMs;
            queries[i] = r.QueryRedacted;
            hashes[i] = r.QueryHash;
            clientHeaders[i] = r.ClientHeader;
            errors[i] = r.ErrorMessage;
            risks[i] = r.RiskScore;
            details[i] = r.Details;
        }

        var insert = new NpgsqlBatchCommand(InsertSql);
        foreach (var value in new object[]
        {
            org.Value, clients, auditIds, requestIds, timestamps, users, requestTypes, decisions, blockReasons, policies, providers,
            models, promptTokens, completionTokens, costs, latencies, queries, hashes, clientHeaders, errors, risks, details,
        })
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return insert;
    }

    private static void Complete(IEnumerable<Pending> batch, Exception? error)
    {
        foreach (var pending in batch)
        {
            if (error is null)
            {
                pending.Committed.TrySetResult();
            }
            else
            {
                pending.Committed.TrySetException(error);
            }
        }
    }

    private sealed record Pending(AuditRecord Record, TaskCompletionSource Committed);

    private static partial class Log
    {
        [LoggerMessage(EventId = 4001, Level = LogLevel.Error, Message = "Audit flush of {Count} rows failed ({ErrorType}); their requests are answered 503")]
        public static partial void FlushFailed(ILogger logger, int count, string errorType);

        [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Audit batch of {Count} rows rejected ({SqlState}); retrying row by row")]
        public static partial void BatchRejected(ILogger logger, int count, string sqlState);
    }
}
