using System.CommandLine;
using AxonFlow.Core.Credentials;
using AxonFlow.Core.Identity;
using AxonFlow.Core.Portal;
using AxonFlow.Postgres.Embedded;
using AxonFlow.Postgres.OrgScoping;
using AxonFlow.Postgres.Portal;
using AxonFlow.Server.Hosting;
using Npgsql;

namespace AxonFlow.Cli.Commands;

/// <summary>
/// <c>axonflow portal user add --org ORG --email E [--role admin|member] [--name N] [--password-stdin]</c>: creates a
/// customer-portal login as the schema owner (<c>DATABASE_URL</c> or the embedded cluster), inside the org's scope.
/// Without <c>--password-stdin</c> a password is generated and printed once; it is stored only as an Argon2id hash.
/// </summary>
internal static class PortalCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, TextReader stdin)
    {
        var org = new Option<string>("--org") { Description = "The organization the user belongs to (it must exist)", Required = true };
        var email = new Option<string>("--email") { Description = "The login email (unique across the deployment)", Required = true };
        var role = new Option<string>("--role") { Description = "admin or member (default member)", DefaultValueFactory = _ => PortalRoleNames.Member };
        var name = new Option<string?>("--name") { Description = "Display name" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input instead of generating one" };
        var dataDir = new Option<string?>("--data-dir") { Description = "AxonFlow home of the embedded cluster, when DATABASE_URL is not set" };

        var add = new Command("add", "Create a portal user; prints a generated password once unless --password-stdin is given");
        foreach (var option in new Option[] { org, email, role, name, passwordStdin, dataDir })
        {
            add.Options.Add(option);
        }

        add.SetAction((parse, token) => AddAsync(
            new UserAddOptions(parse.GetValue(org)!, parse.GetValue(email)!, parse.GetValue(role)!, parse.GetValue(name), parse.GetValue(passwordStdin), parse.GetValue(dataDir)),
            stdout,
            stderr,
            stdin,
            token));

        var user = new Command("user", "Customer-portal users");
        user.Subcommands.Add(add);
        user.SetAction(_ =>
        {
            stderr.WriteLine("axonflow portal user: choose add (see 'axonflow portal user --help')");
            return AxonFlowCli.UsageError;
        });

        var portal = new Command("portal", "Customer portal administration");
        portal.Subcommands.Add(user);
        portal.SetAction(_ =>
        {
            stderr.WriteLine("axonflow portal: choose user (see 'axonflow portal --help')");
            return AxonFlowCli.UsageError;
        });
        return portal;
    }

    private static async Task<int> AddAsync(UserAddOptions options, TextWriter stdout, TextWriter stderr, TextReader stdin, CancellationToken cancellationToken)
    {
        const string Command = "axonflow portal user add";
        if (!OrgId.TryCreate(options.Org, out var org))
        {
            return await UsageAsync(stderr, $"{Command}: --org must be 1-128 characters of letters, digits, '.', '_', ':', '@' or '-'");
        }

        if (!LoginEmail.TryCreate(options.Email, out var email, out var emailProblem))
        {
            return await UsageAsync(stderr, $"{Command}: --email {emailProblem}");
        }

        if (!PortalRoleNames.TryParse(options.Role, out var role))
        {
            return await UsageAsync(stderr, $"{Command}: --role must be {PortalRoleNames.AllowedValues}, but was '{options.Role}'");
        }

        var generated = !options.PasswordFromStdin;
        var password = generated ? SecretGenerator.NewPassword() : (await stdin.ReadLineAsync(cancellationToken))?.TrimEnd('\r');
        if (PasswordRules.Problem(password) is { } passwordProblem)
        {
            await stderr.WriteLineAsync($"{Command}: the password read from standard input {passwordProblem}");
            return 1;
        }

        var settings = CliConfiguration.ReadSettings(options.DataDirectory, stderr);
        if (settings is null)
        {
            return 1;
        }

        using var loggerFactory = CliConfiguration.CreateLoggerFactory();
        try
        {
            await using var bootstrap = await DatabaseBootstrap.OpenAsync(settings, loggerFactory, cancellationToken);
            if (bootstrap.OwnerDataSource is not { } owner)
            {
                await stderr.WriteLineAsync($"{Command}: DATABASE_URL (a DSN for the schema owner) is required.");
                return 1;
            }

            var store = new PortalUserStore(owner, new OrgScope(owner), TimeProvider.System);
            var draft = new PortalUserDraft
            {
                Email = email.Value,
                DisplayName = options.Name?.Trim() ?? string.Empty,
                Role = role,
                PasswordHash = new PasswordHasher().Hash(password!),
            };
            switch (await store.CreateAsync(org.Value, draft, cancellationToken))
            {
                case PortalUserWrite.Written written:
                    await stdout.WriteLineAsync($"Created portal user {written.User.Email} ({written.User.Role.ToWire()}) in {org.Value}: id {written.User.Id}");
                    if (generated)
                    {
                        await stdout.WriteLineAsync($"Password (shown once, store it now): {password}");
                    }

                    return 0;
                case PortalUserWrite.OrganizationMissing:
                    await stderr.WriteLineAsync($"{Command}: organization '{org.Value}' does not exist on this deployment; create it first (admin API)");
                    return 1;
                default:
                    await stderr.WriteLineAsync($"{Command}: a portal user with email {email.Value} already exists (logins are unique across the deployment)");
                    return 1;
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable || ex.SqlState == PostgresErrorCodes.UndefinedFunction)
        {
            await stderr.WriteLineAsync($"{Command}: the database schema is not up to date; run 'axonflow migrate up' first");
            return 1;
        }
        catch (Exception ex) when (ex is PostgresBinariesNotFoundException or EmbeddedPostgresException or ArgumentException or InvalidOperationException or NpgsqlException)
        {
            await stderr.WriteLineAsync($"{Command}: {ServeCommand.OneLine(ex)}");
            return 1;
        }
    }

    private static async Task<int> UsageAsync(TextWriter stderr, string message)
    {
        await stderr.WriteLineAsync(message);
        return AxonFlowCli.UsageError;
    }

    private sealed record UserAddOptions(string Org, string Email, string Role, string? Name, bool PasswordFromStdin, string? DataDirectory);
}
