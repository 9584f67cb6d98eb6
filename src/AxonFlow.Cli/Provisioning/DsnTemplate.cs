using AxonFlow.Postgres.Connections;
using Npgsql;

namespace AxonFlow.Cli.Provisioning;

/// <summary>The DSN an operator sets for a role: the owner's server and database, that role, and <c>$VARIABLE</c> where the password goes.</summary>
internal static class DsnTemplate
{
    public static string For(string ownerConnectionString, RoleTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var builder = new NpgsqlConnectionStringBuilder(ownerConnectionString) { Username = target.Role, Password = null };
        var url = PostgresConnectionString.ToUrl(builder.ConnectionString);
        var userEnd = "postgres://".Length + target.Role.Length;
        return $"{target.DsnVariable}={url[..userEnd]}:${target.PasswordVariable}{url[userEnd..]}";
    }
}
