using System.Buffers.Binary;
using AxonFlow.Postgres.OrgScoping;
using Npgsql;
using NpgsqlTypes;

namespace AxonFlow.Postgres.CommunitySaas;

/// <summary>
/// The "at most 3 active tenants per email" rule, shared by everything that mints a tenant credential for an email
/// (registration, recovery). Counting takes a transaction-scoped advisory lock on the email's keyed digest first, so two
/// transactions for one email — on any node — count one after the other and the cap holds under concurrency.
/// </summary>
public static class EmailTenantCap
{
    public const int MaxActiveTenantsPerEmail = 3;

    // Two-key advisory lock: this class of lock, then 32 bits of the email digest (collisions only serialise, never admit).
    private const int EmailLockClass = 7001;

    private const string LockSql = "SELECT pg_advisory_xact_lock($1, $2)";

    private const string CountSql = "SELECT count(*)::int FROM csaas_active_tenants_for_email($1, $2)";

    /// <summary>Locks the email for the rest of the session's transaction and returns how many unexpired tenants it holds.</summary>
    public static async Task<int> LockAndCountActiveAsync(OrgScopedSession session, byte[] emailHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(emailHash);
        ArgumentOutOfRangeException.ThrowIfLessThan(emailHash.Length, 4);
        await using (var lockEmail = session.CreateCommand(LockSql))
        {
            lockEmail.Parameters.Add(new NpgsqlParameter { Value = EmailLockClass });
            lockEmail.Parameters.Add(new NpgsqlParameter { Value = BinaryPrimitives.ReadInt32BigEndian(emailHash) });
            await lockEmail.ExecuteNonQueryAsync(cancellationToken);
        }

        // A new statement, so a new snapshot: it sees every tenant committed by whoever held the lock before.
        await using var count = session.CreateCommand(CountSql);
        count.Parameters.Add(new NpgsqlParameter { Value = emailHash });
        count.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return (int)(await count.ExecuteScalarAsync(cancellationToken))!;
    }
}
