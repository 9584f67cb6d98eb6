using AxonFlow.Postgres.OrgScoping;
using Npgsql;
using NpgsqlTypes;

namespace AxonFlow.Postgres.CommunitySaas.Tiers;

/// <summary>
/// Whether the org holds an active <c>plugin_user_licenses</c> row for a token: same jti and tier, not revoked, not
/// expired. Read on every request (no cache), so a refund's <c>revoked_at</c> applies to the next one.
/// </summary>
public static class ActivePluginLicense
{
    private const string Sql = """
        SELECT EXISTS (
            SELECT 1 FROM plugin_user_licenses
            WHERE org_id = $1 AND jti = $2 AND tier = $3 AND revoked_at IS NULL AND expires_at > $4)
        """;

    public static async Task<bool> ExistsAsync(OrgScopedSession session, string jti, string tier, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        await using var command = session.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter { Value = session.Org.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = jti });
        command.Parameters.Add(new NpgsqlParameter { Value = tier });
        command.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
