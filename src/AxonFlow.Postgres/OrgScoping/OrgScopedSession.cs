using AxonFlow.Core.Identity;
using Npgsql;

namespace AxonFlow.Postgres.OrgScoping;

/// <summary>
/// One connection inside one transaction with <c>app.current_org_id</c> set for that transaction only. Commands created
/// here are bound to the transaction, so a statement cannot escape the org scope by forgetting it.
/// </summary>
public sealed class OrgScopedSession
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    internal OrgScopedSession(OrgId org, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        Org = org;
        _connection = connection;
        _transaction = transaction;
    }

    public OrgId Org { get; }

    /// <summary>Creates a command in the scope. Pass static SQL with <c>$n</c> parameters only.</summary>
    public NpgsqlCommand CreateCommand(string sql) => new(sql, _connection, _transaction);

    /// <summary>A batch in the scope, for multi-statement units of work.</summary>
    public NpgsqlBatch CreateBatch() => new(_connection, _transaction);
}
