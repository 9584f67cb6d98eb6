using Npgsql;

namespace AxonFlow.Postgres.CommunitySaas;

/// <summary>
/// Whether a tenant id was erased at its owner's request: the erasure ledger (<c>deletion_log</c>, global and
/// append-only) holds the keyed digest of the tenant id, never the id itself. Authentication asks only after the
/// credential lookup found nothing, so live tenants never pay for it.
/// </summary>
public sealed class DeletedTenants(NpgsqlDataSource appDataSource)
{
    private const string ExistsSql = "SELECT EXISTS (SELECT 1 FROM deletion_log WHERE subject_hash = $1 AND subject_kind = 'tenant')";

    public async Task<bool> WasDeletedAsync(byte[] subjectHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subjectHash);
        await using var command = appDataSource.CreateCommand(ExistsSql);
        command.Parameters.Add(new NpgsqlParameter { Value = subjectHash });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
