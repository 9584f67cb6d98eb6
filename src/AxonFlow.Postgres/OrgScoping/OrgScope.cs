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
    /// One transaction (one commit) for work on several orgs, each step scoped to its own org by re-setting the
    /// transaction-local setting before it. For batched writers (audit group commit) whose callers belong to many orgs.
    /// </summary>
    public async Task RunForEachOrgAsync(IEnumerable<OrgId> orgs, Func<OrgScopedSession, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orgs);
        ArgumentNullException.ThrowIfNull(work);
        await using var connection = await appDataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var org in orgs)
        {
            await using (var setOrg = new NpgsqlCommand(SetOrgSql, connection, transaction))
            {
                setOrg.Parameters.Add(new NpgsqlParameter { Value = org.Value });
                await setOrg.ExecuteNonQueryAsync(cancellationToken);
            }

            await work(new OrgScopedSession(org, connection, transaction), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
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
