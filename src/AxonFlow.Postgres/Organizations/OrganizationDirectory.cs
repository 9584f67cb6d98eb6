using AxonFlow.Postgres.Connections;
using Npgsql;
using NpgsqlTypes;

namespace AxonFlow.Postgres.Organizations;

/// <summary>
/// Every organization, page by page: cross-org work, so it runs on the platform-admin pool (BYPASSRLS) and nowhere
/// else. Under the app role the same query would silently return only the scoped org's row, or none.
/// </summary>
public sealed class OrganizationDirectory(AxonFlowDataSources dataSources)
{
    private const string PageSql = $"""
        SELECT {OrganizationStore.Columns}
        FROM organizations
        WHERE ($1::text IS NULL OR status = $1)
        ORDER BY created_at, org_id
        LIMIT $2 OFFSET $3
        """;

    private const string CountSql = "SELECT count(*) FROM organizations WHERE ($1::text IS NULL OR status = $1)";

    /// <summary>One page of organizations with <paramref name="status"/> (every org when null), oldest first, and the total count.</summary>
    public async Task<(IReadOnlyList<Organization> Page, long Total)> ListAsync(string? status, int limit, int offset, CancellationToken cancellationToken)
    {
        var admin = dataSources.RequirePlatformAdmin("The admin API");
        await using var connection = await admin.OpenConnectionAsync(cancellationToken);
        long total;
        await using (var count = new NpgsqlCommand(CountSql, connection))
        {
            count.Parameters.Add(StatusParameter(status));
            total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        var page = new List<Organization>();
        await using (var select = new NpgsqlCommand(PageSql, connection))
        {
            select.Parameters.Add(StatusParameter(status));
            select.Parameters.Add(new NpgsqlParameter { Value = limit });
            select.Parameters.Add(new NpgsqlParameter { Value = offset });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (OrganizationStore.TryRead(reader) is { } organization)
                {
                    page.Add(organization);
                }
            }
        }

        return (page, total);
    }

    private static NpgsqlParameter StatusParameter(string? status) =>
        new() { Value = (object?)status ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };
}
