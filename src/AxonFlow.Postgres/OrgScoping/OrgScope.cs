using AxonFlow.Core.Identity;
using Npgsql;

namespace AxonFlow.Postgres.OrgScoping;

/// <summary>
/// The one path from request code to org data (the C# counterpart of <c>withRequestOrgScope</c>): rent a connection,
/// <c>BEGIN</c>, <c>set_config('app.current_org_id', $1, true)</c>, run the work, <c>COMMIT</c>. The setting is
/// transaction-local, so a pooled connection can never carry one org's scope into the next request.
/// </summary>
public sealed class OrgScope(NpgsqlDataSource appDataSource)
{
    private const string SetOrgSql = "SELECT set_config('app.current_org_id', $1, true)";

    public async Task<T> RunAsync<T>(OrgId org, Func<OrgScopedSession, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var connection = await appDataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var setOrg = new NpgsqlCommand(SetOrgSql, connection, transaction))
        {
            setOrg.Parameters.Add(new NpgsqlParameter { Value = org.Value });
            await setOrg.ExecuteNonQueryAsync(cancellationToken);
        }

        var result = await work(new OrgScopedSession(org, connection, transaction), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// Writes for several orgs in one round trip: a single batch of, per org, the transaction-local setting followed by
    /// that org's statements (added by <paramref name="fill"/>). Statements run in order, so each sees its own org.
    /// </summary>
    /// <remarks>
    /// No explicit <c>BEGIN</c>/<c>COMMIT</c>: a batch without error barriers ends in one Sync, so PostgreSQL runs it as one
    /// implicit transaction — all statements commit together when the Sync is processed (durably, like any commit) or all
    /// roll back on the first error — and the transaction-local org setting ends with it. That saves the separate COMMIT
    /// round trip every durable write would otherwise wait for.
    /// </remarks>
    public async Task RunBatchForEachOrgAsync(IEnumerable<OrgId> orgs, Action<OrgId, NpgsqlBatch> fill, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orgs);
        ArgumentNullException.ThrowIfNull(fill);
        await using var connection = await appDataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection) { EnableErrorBarriers = false };
        foreach (var org in orgs)
        {
            var setOrg = new NpgsqlBatchCommand(SetOrgSql);
            setOrg.Parameters.Add(new NpgsqlParameter { Value = org.Value });
            batch.BatchCommands.Add(setOrg);
            fill(org, batch);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task RunAsync(OrgId org, Func<OrgScopedSession, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunAsync<bool>(
            org,
            async (session, token) =>
            {
                await work(session, token);
                return true;
            },
            cancellationToken);
    }
}
