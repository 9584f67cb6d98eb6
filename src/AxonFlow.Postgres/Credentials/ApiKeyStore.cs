using AxonFlow.Core.Credentials;
using AxonFlow.Core.Identity;
using AxonFlow.Postgres.OrgScoping;
using Npgsql;

namespace AxonFlow.Postgres.Credentials;

/// <summary>
/// Client credentials (<c>api_keys</c>). Issuing runs inside the org scope like any org write; lookup happens before the
/// org is known, so it goes through the SECURITY DEFINER <c>auth_lookup_api_key()</c> instead of reading the table.
/// A client id with no credential is remembered as such for a few seconds (a per-request database call saved for
/// unregistered labels and for guessing); found credentials are never cached, so a revocation applies on the next request.
/// </summary>
public sealed class ApiKeyStore(NpgsqlDataSource appDataSource, OrgScope orgScope, CredentialHasher hasher, TimeProvider timeProvider)
{
    private const int MaxRememberedUnregistered = 50_000;

    private static readonly TimeSpan UnregisteredTtl = TimeSpan.FromSeconds(5);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _unregistered = new(StringComparer.Ordinal);

    private const string InsertSql = """
        INSERT INTO api_keys (org_id, client_id, tenant_id, secret_hash, secret_prefix, label, expires_at)
        VALUES ($1, $2, $2, $3, $4, $5, $6)
        RETURNING id
        """;

    public Task<IssuedCredential> IssueAsync(OrgId org, ClientId client, string label, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(label);
        var secret = SecretGenerator.NewClientSecret();
        var prefix = SecretGenerator.PrefixOf(secret);
        _unregistered.TryRemove(client.Value, out _);
        return orgScope.RunAsync(
            org,
            async (session, token) =>
            {
                await using var insert = session.CreateCommand(InsertSql);
                insert.Parameters.Add(new NpgsqlParameter { Value = org.Value });
                insert.Parameters.Add(new NpgsqlParameter { Value = client.Value });
                insert.Parameters.Add(new NpgsqlParameter { Value = hasher.Hash(secret) });
                insert.Parameters.Add(new NpgsqlParameter { Value = prefix });
                insert.Parameters.Add(new NpgsqlParameter { Value = label });
                insert.Parameters.Add(new NpgsqlParameter { Value = (object?)expiresAt ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
                var id = (Guid)(await insert.ExecuteScalarAsync(token))!;
                return new IssuedCredential(id, org, client, secret, prefix, expiresAt);
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<StoredCredential>> LookupAsync(ClientId client, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (_unregistered.TryGetValue(client.Value, out var until) && until > now)
        {
            return [];
        }

        var credentials = await ReadAsync(client, cancellationToken);
        if (credentials.Count == 0)
        {
            if (_unregistered.Count >= MaxRememberedUnregistered)
            {
                _unregistered.Clear();
            }

            _unregistered[client.Value] = now + UnregisteredTtl;
        }
        else
        {
            _unregistered.TryRemove(client.Value, out _);
        }

        return credentials;
    }

    private async Task<IReadOnlyList<StoredCredential>> ReadAsync(ClientId client, CancellationToken cancellationToken)
    {
        await using var command = appDataSource.CreateCommand(
            "SELECT key_id, org_id, client_id, secret_hash, expires_at, revoked_at, last_used_at FROM auth_lookup_api_key($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = client.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var credentials = new List<StoredCredential>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!OrgId.TryCreate(reader.GetString(1), out var org) || !ClientId.TryCreate(reader.GetString(2), out var storedClient))
            {
                continue;
            }

            credentials.Add(new StoredCredential(
                reader.GetGuid(0),
                org.Value,
                storedClient.Value,
                reader.GetFieldValue<byte[]>(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return credentials;
    }

    public async Task TouchAsync(Guid keyId, CancellationToken cancellationToken)
    {
        await using var command = appDataSource.CreateCommand("SELECT auth_touch_api_key($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = keyId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
