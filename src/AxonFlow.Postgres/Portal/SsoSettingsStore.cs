using AxonFlow.Core.Identity;
using AxonFlow.Postgres.OrgScoping;
using Npgsql;
using NpgsqlTypes;

namespace AxonFlow.Postgres.Portal;

/// <summary>One SSO configuration per org (<c>portal_sso_settings</c>), always read and written in the org scope.</summary>
public sealed class SsoSettingsStore(OrgScope orgScope)
{
    private const string UpsertSql = """
        INSERT INTO portal_sso_settings (org_id, protocol, enabled, config, client_secret_cipher, updated_by, updated_at)
        VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7)
        ON CONFLICT (org_id) DO UPDATE
        SET protocol = excluded.protocol, enabled = excluded.enabled, config = excluded.config,
            client_secret_cipher = excluded.client_secret_cipher, updated_by = excluded.updated_by, updated_at = excluded.updated_at
        """;

    public Task<StoredSsoSettings?> GetAsync(OrgId org, CancellationToken cancellationToken) =>
        orgScope.RunAsync(
            org,
            async (session, token) =>
            {
                await using var command = session.CreateCommand(
                    "SELECT protocol, enabled, config::text, client_secret_cipher, updated_by, updated_at FROM portal_sso_settings WHERE org_id = $1");
                command.Parameters.Add(new NpgsqlParameter { Value = org.Value });
                await using var reader = await command.ExecuteReaderAsync(token);
                return await reader.ReadAsync(token)
                    ? new StoredSsoSettings(
                        reader.GetString(0),
                        reader.GetBoolean(1),
                        reader.GetString(2),
                        reader.IsDBNull(3) ? null : reader.GetFieldValue<byte[]>(3),
                        reader.GetString(4),
                        reader.GetFieldValue<DateTimeOffset>(5))
                    : null;
            },
            cancellationToken);

    public Task SaveAsync(OrgId org, StoredSsoSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return orgScope.RunAsync(
            org,
            async (session, token) =>
            {
                await using var upsert = session.CreateCommand(UpsertSql);
                upsert.Parameters.Add(new NpgsqlParameter { Value = org.Value });
                upsert.Parameters.Add(new NpgsqlParameter { Value = settings.Protocol });
                upsert.Parameters.Add(new NpgsqlParameter { Value = settings.Enabled });
                upsert.Parameters.Add(new NpgsqlParameter { Value = settings.ConfigJson, NpgsqlDbType = NpgsqlDbType.Text });
                upsert.Parameters.Add(new NpgsqlParameter { Value = (object?)settings.ClientSecretCipher ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bytea });
                upsert.Parameters.Add(new NpgsqlParameter { Value = settings.UpdatedBy });
                upsert.Parameters.Add(new NpgsqlParameter { Value = settings.UpdatedAt });
                await upsert.ExecuteNonQueryAsync(token);
            },
            cancellationToken);
    }

    public Task<bool> DeleteAsync(OrgId org, CancellationToken cancellationToken) =>
        orgScope.RunAsync(
            org,
            async (session, token) =>
            {
                await using var delete = session.CreateCommand("DELETE FROM portal_sso_settings WHERE org_id = $1");
                delete.Parameters.Add(new NpgsqlParameter { Value = org.Value });
                return await delete.ExecuteNonQueryAsync(token) == 1;
            },
            cancellationToken);
}
