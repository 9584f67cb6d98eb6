using Npgsql;
using NpgsqlTypes;

namespace AxonFlow.Postgres.CommunitySaas;

/// <summary>
/// The unexpired tenants of an email digest, across orgs, through the SECURITY DEFINER
/// <c>csaas_active_tenants_for_email</c> (the app role cannot read other orgs' rows itself). Newest first.
/// </summary>
public sealed class RecoverableTenants(NpgsqlDataSource appDataSource)
{
    private const string Sql = "SELECT org_id FROM csaas_active_tenants_for_email($1, $2)";

    public async Task<IReadOnlyList<string>> ForEmailAsync(byte[] emailHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emailHash);
        await using var command = appDataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter { Value = emailHash });
        command.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var orgs = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            orgs.Add(reader.GetString(0));
        }

        return orgs;
    }
}
