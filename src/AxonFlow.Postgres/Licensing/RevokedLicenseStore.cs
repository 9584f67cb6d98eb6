using Npgsql;

namespace AxonFlow.Postgres.Licensing;

/// <summary>
/// The global <c>revoked_license_tokens</c> denylist (migration 011). Reads run on the request pool (the table holds
/// no org data, so no org scope applies); revocations need a role that may write it (owner or platform admin).
/// </summary>
public sealed class RevokedLicenseStore(NpgsqlDataSource readDataSource)
{
    public async Task<bool> IsRevokedAsync(string jti, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jti);
        await using var command = readDataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM revoked_license_tokens WHERE jti = $1)");
        command.Parameters.Add(new NpgsqlParameter { Value = jti });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Records a revocation (idempotent); <paramref name="writeDataSource"/> is the owner or platform-admin pool.</summary>
    public static async Task RevokeAsync(NpgsqlDataSource writeDataSource, string jti, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writeDataSource);
        ArgumentException.ThrowIfNullOrEmpty(jti);
        await using var command = writeDataSource.CreateCommand(
            "INSERT INTO revoked_license_tokens (jti, reason) VALUES ($1, $2) ON CONFLICT (jti) DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter { Value = jti });
        command.Parameters.Add(new NpgsqlParameter { Value = reason ?? string.Empty });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
