using System.CommandLine;
using System.Globalization;
using AxonFlow.Postgres.Embedded;
using AxonFlow.Postgres.Migrations;
using AxonFlow.Server.Hosting;

namespace AxonFlow.Cli.Commands;

/// <summary><c>axonflow migrate status|up|down --batch N</c> against <c>DATABASE_URL</c> (the schema owner) or the embedded cluster.</summary>
internal static class MigrateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var dataDir = new Option<string?>("--data-dir") { Description = "AxonFlow home of the embedded cluster, when DATABASE_URL is not set" };
        var command = new Command("migrate", "Versioned schema migrations (embedded in the binary)");

        var status = new Command("status", "List every migration and whether it is applied, pending, failed or drifted");
        status.Options.Add(dataDir);
        status.SetAction((parse, token) => RunAsync(parse.GetValue(dataDir), stdout, stderr, (m, _, t) => StatusAsync(m, stdout, t), token));

        var to = new Option<int?>("--to") { Description = "Stop after this version (default: the latest)" };
        var up = new Command("up", "Apply pending migrations (a no-op when up to date)");
        up.Options.Add(dataDir);
        up.Options.Add(to);
        up.SetAction((parse, token) => RunAsync(parse.GetValue(dataDir), stdout, stderr, (m, bootstrap, t) => UpAsync(m, bootstrap, parse.GetValue(to), stdout, t), token));

        var batch = new Option<int>("--batch") { Description = "The FORCE-RLS batch to revert (its _down.sql)", Required = true };
        var down = new Command("down", "Revert exactly one FORCE-RLS batch (the snapshot restore is the full rollback)");
        down.Options.Add(dataDir);
        down.Options.Add(batch);
        down.SetAction((parse, token) => RunAsync(parse.GetValue(dataDir), stdout, stderr, (m, _, t) => DownAsync(m, parse.GetValue(batch), stdout, t), token));

        command.Subcommands.Add(status);
        command.Subcommands.Add(up);
        command.Subcommands.Add(down);
        command.SetAction(_ =>
        {
            stderr.WriteLine("axonflow migrate: choose status, up or down (see 'axonflow migrate --help')");
            return AxonFlowCli.UsageError;
        });
        return command;
    }

    private static async Task<int> RunAsync(
        string? dataDirectory,
        TextWriter stdout,
        TextWriter stderr,
        Func<Migrator, DatabaseBootstrap, CancellationToken, Task<int>> action,
        CancellationToken cancellationToken)
    {
        var settings = CliConfiguration.ReadSettings(dataDirectory, stderr);
        if (settings is null)
        {
            return 1;
        }

        using var loggerFactory = CliConfiguration.CreateLoggerFactory();
        try
        {
            await using var bootstrap = await DatabaseBootstrap.OpenAsync(settings, loggerFactory, cancellationToken);
            var migrator = bootstrap.CreateMigrator();
            if (migrator is null)
            {
                await stderr.WriteLineAsync("axonflow migrate: DATABASE_URL (a DSN for the schema owner) is required to run migrations.");
                return 1;
            }

            return await action(migrator, bootstrap, cancellationToken);
        }
        catch (Exception ex) when (ex is PostgresBinariesNotFoundException or EmbeddedPostgresException or MigrationChecksumMismatchException
            or MigrationFailedException or ArgumentException or InvalidOperationException or Npgsql.NpgsqlException)
        {
            await stderr.WriteLineAsync($"axonflow migrate: {ServeCommand.OneLine(ex)}");
            return 1;
        }
    }

    private static async Task<int> StatusAsync(Migrator migrator, TextWriter stdout, CancellationToken cancellationToken)
    {
        var statuses = await migrator.StatusAsync(cancellationToken);
        await stdout.WriteLineAsync($"{"VERSION",-8} {"STATE",-8} {"APPLIED AT",-25} {"MS",6}  NAME");
        foreach (var status in statuses)
        {
            var state = status.HasDrift ? "DRIFT" : status.IsApplied ? "applied" : status.Applied is { Success: false } ? "FAILED" : "pending";
            var appliedAt = status.Applied?.AppliedAt.ToString("yyyy-MM-dd HH:mm:ssK", CultureInfo.InvariantCulture) ?? "-";
            var duration = status.Applied?.DurationMs.ToString(CultureInfo.InvariantCulture) ?? "-";
            await stdout.WriteLineAsync($"{status.Script.Version,-8:D3} {state,-8} {appliedAt,-25} {duration,6}  {status.Script.Name}");
            if (status.Applied is { Success: false, Error: { } error })
            {
                await stdout.WriteLineAsync($"         error: {error}");
            }
        }

        return statuses.Any(s => s.HasDrift || s.Applied is { Success: false }) ? 1 : 0;
    }

    private static async Task<int> UpAsync(Migrator migrator, DatabaseBootstrap bootstrap, int? target, TextWriter stdout, CancellationToken cancellationToken)
    {
        var ran = await migrator.UpAsync(bootstrap.MigrationContext, target, cancellationToken);
        await stdout.WriteLineAsync(ran == 0 ? "Migrations are up to date." : $"Applied {ran} migration(s).");
        return 0;
    }

    private static async Task<int> DownAsync(Migrator migrator, int batch, TextWriter stdout, CancellationToken cancellationToken)
    {
        var script = await migrator.DownBatchAsync(batch, cancellationToken);
        await stdout.WriteLineAsync($"Reverted FORCE-RLS batch {batch} ({script.FileName}); `axonflow migrate up` re-applies it.");
        return 0;
    }
}
