using AxonFlow.Postgres.Roles;
using Npgsql;

namespace AxonFlow.Postgres.Operations;

/// <summary>Reads the runtime roles' posture from the catalog; password presence only when <c>pg_authid</c> is readable.</summary>
public static class RoleInspector
{
    private const string RolesSql = """
        SELECT r.rolname, r.rolcanlogin, r.rolbypassrls, r.rolsuper,
               coalesce(pg_catalog.shobj_description(r.oid, 'pg_authid'), '') = $2
        FROM pg_catalog.pg_roles r
        WHERE r.rolname = ANY($1)
        ORDER BY r.rolname
        """;

    private const string CanReadAuthIdSql = "SELECT pg_catalog.has_table_privilege('pg_catalog.pg_authid', 'SELECT')";

    private const string PasswordsSql = "SELECT rolname, rolpassword IS NOT NULL FROM pg_catalog.pg_authid WHERE rolname = ANY($1)";

    public static async Task<IReadOnlyList<RoleState>> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        string[] names = [RuntimeRoles.AppRole, RuntimeRoles.PlatformAdmin];
        var passwords = new Dictionary<string, bool>(StringComparer.Ordinal);
        await using (var canRead = new NpgsqlCommand(CanReadAuthIdSql, connection, transaction))
        {
            if (await canRead.ExecuteScalarAsync(cancellationToken) is true)
            {
                await using var command = new NpgsqlCommand(PasswordsSql, connection, transaction);
                command.Parameters.Add(new NpgsqlParameter { Value = names });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    passwords[reader.GetString(0)] = reader.GetBoolean(1);
                }
            }
        }

        var roles = new List<RoleState>();
        await using (var command = new NpgsqlCommand(RolesSql, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = names });
            command.Parameters.Add(new NpgsqlParameter { Value = RuntimeRoles.ProvisionedMarker });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var name = reader.GetString(0);
                roles.Add(new RoleState(
                    name,
                    reader.GetBoolean(1),
                    reader.GetBoolean(2),
                    reader.GetBoolean(3),
                    passwords.TryGetValue(name, out var hasPassword) ? hasPassword : null,
                    reader.GetBoolean(4)));
            }
        }

        return roles;
    }
}
