using Npgsql;

namespace AxonFlow.Postgres.Roles;

/// <summary>What a login as a runtime role showed about it.</summary>
/// <param name="User">The role the session runs as.</param>
/// <param name="BypassRls">That role is a superuser or has BYPASSRLS.</param>
public sealed record RoleLoginResult(string User, bool BypassRls);

/// <summary>Logs in as a role on the owner DSN's server and database, unpooled, to test a password and read the role's posture.</summary>
public static class RoleLogin
{
    private const string PostureSql = "SELECT current_user::text, r.rolsuper OR r.rolbypassrls FROM pg_catalog.pg_roles r WHERE r.rolname = current_user";

    /// <summary>The owner connection string with the user and password replaced; never pooled, so a rejected password leaves nothing behind.</summary>
    public static string ConnectionStringFor(string ownerConnectionString, string role, string password) =>
        new NpgsqlConnectionStringBuilder(ownerConnectionString)
        {
            Username = role,
            Password = password,
            Pooling = false,
            Passfile = null,
            ApplicationName = "axonflow-provision-app-role",
        }.ConnectionString;

    /// <summary>Returns the session's posture, or null when the server rejected the password (SQLSTATE 28P01); other failures throw.</summary>
    public static async Task<RoleLoginResult?> TryAsync(string ownerConnectionString, string role, string password, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionStringFor(ownerConnectionString, role, password));
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(PostureSql, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new RoleLoginResult(reader.GetString(0), reader.GetBoolean(1));
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidPassword)
        {
            return null;
        }
    }
}
