using System.CommandLine;
using AxonFlow.Cli.Provisioning;
using AxonFlow.Postgres.Connections;
using AxonFlow.Postgres.Operations;
using AxonFlow.Postgres.Roles;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace AxonFlow.Cli.Commands;

/// <summary>
/// <c>axonflow provision-app-role [--dry-run]</c>: sets the passwords of <c>axonflow_app_role</c> and
/// <c>axonflow_platform_admin</c> from <c>APP_ROLE_PASSWORD</c> / <c>PLATFORM_ADMIN_PASSWORD</c> as the schema owner, then
/// logs in as each to verify the password and the BYPASSRLS posture. Idempotent; a different password is refused unless
/// <c>FORCE_RESET=1</c>. Prints the DSN templates with the password elided.
/// </summary>
internal static class ProvisionAppRoleCommand
{
    private const string Prefix = "axonflow provision-app-role: ";

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Check and report what would change; change nothing" };
        var command = new Command(
            "provision-app-role",
            "Set and verify the runtime roles' passwords from APP_ROLE_PASSWORD and PLATFORM_ADMIN_PASSWORD (as the DATABASE_URL owner)");
        command.Options.Add(dryRun);
        command.SetAction((parse, token) => RunAsync(CliConfiguration.Load(), parse.GetValue(dryRun), stdout, stderr, token));
        return command;
    }

    public static async Task<int> RunAsync(IConfiguration configuration, bool dryRun, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var owner = OwnerDatabase.Resolve(configuration);
        if (owner.ConnectionString is not { } ownerConnectionString)
        {
            await stderr.WriteLineAsync(Prefix + owner.Problem + "; point DATABASE_URL at the schema owner (e.g. the RDS master user).");
            return 1;
        }

        var errors = new List<string>();
        if (ProvisionRequest.Read(configuration, ownerConnectionString, errors) is not { } request)
        {
            await WriteAllAsync(stderr, errors);
            return 1;
        }

        try
        {
            await using var connection = owner.Open("axonflow-provision-app-role");
            await connection.OpenAsync(cancellationToken);
            var plans = await PlanAsync(connection, ownerConnectionString, request, errors, cancellationToken);
            if (errors.Count > 0)
            {
                await WriteAllAsync(stderr, errors);
                await stderr.WriteLineAsync(Prefix + "nothing was changed.");
                return 1;
            }

            if (dryRun)
            {
                foreach (var (target, action) in plans)
                {
                    await stdout.WriteLineAsync($"{target.Role}: {DryRunText(action)} (dry run: nothing changed)");
                }

                return 0;
            }

            foreach (var (target, action) in plans.Where(p => p.Action != ProvisionAction.Unchanged))
            {
                await RuntimeRoles.SetPasswordAsync(connection, target.Role, request.PasswordFor(target), cancellationToken);
                await RuntimeRoles.MarkProvisionedAsync(connection, target.Role, cancellationToken);
            }

            return await VerifyAndReportAsync(ownerConnectionString, request, plans, stdout, stderr, cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            await stderr.WriteLineAsync(Prefix + PostgresConnectionString.Redact(ex.Message).ReplaceLineEndings(" "));
            return 1;
        }
    }

    private static async Task<List<(RoleTarget Target, ProvisionAction Action)>> PlanAsync(
        NpgsqlConnection connection,
        string ownerConnectionString,
        ProvisionRequest request,
        List<string> errors,
        CancellationToken cancellationToken)
    {
        var states = await RoleInspector.ReadAsync(connection, null, cancellationToken);
        var plans = new List<(RoleTarget, ProvisionAction)>();
        foreach (var target in RoleTarget.Both)
        {
            var state = states.FirstOrDefault(s => s.Name == target.Role);
            bool? loginAccepted = RolePlanner.ShouldTryLogin(state)
                ? await RoleLogin.TryAsync(ownerConnectionString, target.Role, request.PasswordFor(target), cancellationToken) is not null
                : null;
            var (action, refusal) = RolePlanner.Plan(target, state, loginAccepted, request.ForceReset);
            if (action is { } planned)
            {
                plans.Add((target, planned));
            }
            else
            {
                errors.Add(refusal!);
            }
        }

        return plans;
    }

    private static async Task<int> VerifyAndReportAsync(
        string ownerConnectionString,
        ProvisionRequest request,
        List<(RoleTarget Target, ProvisionAction Action)> plans,
        TextWriter stdout,
        TextWriter stderr,
        CancellationToken cancellationToken)
    {
        var failed = false;
        foreach (var (target, action) in plans)
        {
            var login = await RoleLogin.TryAsync(ownerConnectionString, target.Role, request.PasswordFor(target), cancellationToken);
            if (login is null)
            {
                await stderr.WriteLineAsync($"{Prefix}{target.Role}: the server rejected {target.PasswordVariable} right after it was set; check that pg_hba.conf allows password logins for {target.Role} from this host.");
                failed = true;
            }
            else if (login.BypassRls != target.RequiresBypassRls || login.User != target.Role)
            {
                await stderr.WriteLineAsync($"{Prefix}{target.Role}: logged in as {login.User}, which is not {target.Posture}; do not use this DSN.");
                failed = true;
            }
            else
            {
                await stdout.WriteLineAsync($"{target.Role}: {DoneText(action, target)}; login verified ({target.Posture})");
            }
        }

        if (failed)
        {
            return 1;
        }

        await stdout.WriteLineAsync();
        await stdout.WriteLineAsync("Set these on the agent (secret manager, task definition or --env-file); the passwords are the values you supplied and are not printed:");
        foreach (var target in RoleTarget.Both)
        {
            await stdout.WriteLineAsync(DsnTemplate.For(ownerConnectionString, target));
        }

        return 0;
    }

    private static string DryRunText(ProvisionAction action) => action switch
    {
        ProvisionAction.Unchanged => "password unchanged (it already accepts the supplied one)",
        ProvisionAction.Set => "would set the password",
        ProvisionAction.Rotate => "would rotate the password (FORCE_RESET=1)",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    private static string DoneText(ProvisionAction action, RoleTarget target) => action switch
    {
        ProvisionAction.Unchanged => $"password unchanged (it already accepts {target.PasswordVariable})",
        ProvisionAction.Set => $"password set from {target.PasswordVariable}",
        ProvisionAction.Rotate => $"password rotated to {target.PasswordVariable} (FORCE_RESET=1)",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    private static async Task WriteAllAsync(TextWriter stderr, IEnumerable<string> errors)
    {
        foreach (var error in errors)
        {
            await stderr.WriteLineAsync(Prefix + error);
        }
    }
}
