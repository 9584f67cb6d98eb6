using AxonFlow.Core.Identity;
using AxonFlow.Postgres.Audit;
using AxonFlow.Postgres.OrgScoping;
using Npgsql;

namespace AxonFlow.Postgres.Credentials;

/// <summary>
/// Client credentials (<c>api_keys</c>) on the authentication path. Lookup happens before the org is known, so it goes
/// through the SECURITY DEFINER <c>auth_lookup_api_key_v2()</c> instead of reading the table; it also returns the owning
/// organization's status, so suspending an org takes effect on the next request. A client id with no credential is
/// remembered as such for a few seconds (<see cref="UnregisteredClientCache"/>); found credentials are never cached, so a
/// revocation or suspension applies on the next request on every node.
/// </summary>
public sealed class ApiKeyStore(
    NpgsqlDataSource appDataSource,
    OrgScope orgScope,
    CredentialIssuer issuer,
    UnregisteredClientCache unregistered,
    TimeProvider timeProvider)
{
    private const string LookupSql =
        "SELECT key_id, org_id, client_id, secret_hash, expires_at, revoked_at, last_used_at, org_status FROM auth_lookup_api_key_v2($1)";

    /// <summary>
    /// Adds a secret for a caller-chosen client id in its own org scope (tests, registration flows); refused only when
    /// another org holds the id. The lifecycle operations (issue, list, rotate, revoke) are on <see cref="CredentialIssuer"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another org holds the client id.</exception>
    public async Task<IssuedCredential> IssueAsync(OrgId org, ClientId client, string label, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(label);
        var outcome = await orgScope.RunAsync(
            org,
            (session, token) => issuer.AddSecretAsync(session, new CredentialRequest(client, label, expiresAt), AuditActor.System, token),
            cancellationToken);
        return outcome is CredentialIssue.Issued issued
            ? issued.Credential
            : throw new InvalidOperationException($"Client id '{client}' is already in use.");
    }

    public async Task<IReadOnlyList<StoredCredential>> LookupAsync(ClientId client, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (unregistered.IsRemembered(client, now))
        {
            return [];
        }

        var credentials = await ReadAsync(client, cancellationToken);
        if (credentials.Count == 0)
        {
            unregistered.Remember(client, now);
        }
        else
        {
            unregistered.Forget(client);
        }

        return credentials;
    }

    private async Task<IReadOnlyList<StoredCredential>> ReadAsync(ClientId client, CancellationToken cancellationToken)
    {
        await using var command = appDataSource.CreateCommand(LookupSql);
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
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
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
