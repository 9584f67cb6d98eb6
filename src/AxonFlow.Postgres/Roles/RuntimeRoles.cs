using Npgsql;

namespace AxonFlow.Postgres.Roles;

/// <summary>The login roles created by migration 004 and how their passwords are set.</summary>
public static class RuntimeRoles
{
    public const string AppRole = "axonflow_app_role";

    public const string PlatformAdmin = "axonflow_platform_admin";

    public const string AuthDefiner = "axonflow_auth_definer";

    /// <summary>The role comment <c>axonflow provision-app-role</c> leaves, so a later run can tell a provisioned role without reading <c>pg_authid</c>.</summary>
    public const string ProvisionedMarker = "axonflow: password provisioned by axonflow provision-app-role";

    /// <summary>
    /// Sets a role's password. The password travels as a bind parameter into a transaction-local setting and is applied
    /// by dynamic SQL on the server, so it never appears in statement text, driver logs or <c>log_statement</c> output.
    /// </summary>
    public static async Task SetPasswordAsync(NpgsqlConnection ownerConnection, string role, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ownerConnection);
        if (role is not (AppRole or PlatformAdmin))
        {
            throw new ArgumentException($"'{role}' is not a runtime login role.", nameof(role));
        }

        ArgumentException.ThrowIfNullOrEmpty(password);
        await using var transaction = await ownerConnection.BeginTransactionAsync(cancellationToken);
        await using (var stash = new NpgsqlCommand("SELECT set_config('axonflow.provision_role', $1, true), set_config('axonflow.provision_password', $2, true)", ownerConnection, transaction))
        {
            stash.Parameters.Add(new NpgsqlParameter { Value = role });
            stash.Parameters.Add(new NpgsqlParameter { Value = password });
            await stash.ExecuteNonQueryAsync(cancellationToken);
        }

        const string Apply = """
            DO $$
            BEGIN
                EXECUTE format('ALTER ROLE %I WITH LOGIN PASSWORD %L',
                    current_setting('axonflow.provision_role'), current_setting('axonflow.provision_password'));
            END
            $$
            """;
        await using (var apply = new NpgsqlCommand(Apply, ownerConnection, transaction))
        {
            await apply.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Records on the role (as its comment) that an operator-supplied password was set.</summary>
    public static async Task MarkProvisionedAsync(NpgsqlConnection ownerConnection, string role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ownerConnection);
        const string MarkAppRole = "COMMENT ON ROLE " + AppRole + " IS '" + ProvisionedMarker + "'";
        const string MarkPlatformAdmin = "COMMENT ON ROLE " + PlatformAdmin + " IS '" + ProvisionedMarker + "'";
        var sql = role switch
        {
            AppRole => MarkAppRole,
            PlatformAdmin => MarkPlatformAdmin,
            _ => throw new ArgumentException($"'{role}' is not a runtime login role.", nameof(role)),
        };
        await using var command = new NpgsqlCommand(sql, ownerConnection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
