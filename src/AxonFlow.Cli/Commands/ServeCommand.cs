using System.CommandLine;
using AxonFlow.Core.Identity;
using AxonFlow.Postgres.Embedded;
using AxonFlow.Postgres.Migrations;
using AxonFlow.Server.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Hosting;

namespace AxonFlow.Cli.Commands;

/// <summary><c>axonflow serve</c>: validate configuration, apply the boot guards, prepare the database, run the agent until SIGTERM/Ctrl-C.</summary>
internal static class ServeCommand
{
    public const string DefaultUrls = "http://0.0.0.0:8080";

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Addresses to listen on, separated by ';'",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ASPNETCORE_URLS") ?? DefaultUrls,
        };
        var dataDir = new Option<string?>("--data-dir")
        {
            Description = "AxonFlow home: embedded PostgreSQL, generated secrets, connection.env (default $AXONFLOW_HOME or ./.axonflow)",
        };
        var command = new Command("serve", "Run the agent: every HTTP surface on one endpoint (default :8080)");
        command.Options.Add(urls);
        command.Options.Add(dataDir);
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(parseResult.GetValue(urls)!, parseResult.GetValue(dataDir), stdout, stderr, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(string urls, string? dataDirectory, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var settings = CliConfiguration.ReadSettings(dataDirectory, stderr);
        if (settings is null)
        {
            return 1;
        }

        var fatal = BootGuards.Evaluate(settings, platformAdminConfigured: settings.PlatformAdminUrl is not null || settings.UsesEmbeddedDatabase);
        if (fatal.Count > 0)
        {
            foreach (var line in fatal)
            {
                await stderr.WriteLineAsync(line);
            }

            return 1;
        }

        using var loggerFactory = CliConfiguration.CreateLoggerFactory();
        try
        {
            // Provider settings are checked before any database work, so a typo fails fast.
            _ = Server.Providers.ProviderSettingsReader.Read(CliConfiguration.Load());
            await using var database = await DatabaseBootstrap.OpenAsync(settings, loggerFactory, cancellationToken);
            var runtime = await database.PrepareRuntimeAsync(cancellationToken) with { ProviderConfiguration = CliConfiguration.Load() };
            await using var app = AxonFlowApplication.Create(runtime, builder => builder.WebHost.UseUrls(urls));
            await app.StartAsync(cancellationToken);
            await stdout.WriteLineAsync($"AxonFlow {Core.Platform.PlatformVersion.Version} ({settings.Mode.ToWireName()} mode) listening on {string.Join(", ", app.Urls)}");
            if (database.ConnectionEnvPath is { } connectionEnv)
            {
                await stdout.WriteLineAsync($"Embedded PostgreSQL DSNs: {connectionEnv}");
            }

            await app.WaitForShutdownAsync(CancellationToken.None);
            return 0;
        }
        catch (Server.Providers.ProviderSettingsException ex)
        {
            foreach (var error in ex.Errors)
            {
                await stderr.WriteLineAsync($"axonflow: configuration error: {error}");
            }

            return 1;
        }
        catch (Server.Nodes.NodeLimitExceededException ex)
        {
            await stderr.WriteLineAsync(ex.Message);
            return 1;
        }
        catch (Exception ex) when (ex is PostgresBinariesNotFoundException or EmbeddedPostgresException or MigrationChecksumMismatchException
            or MigrationFailedException or BootRefusedException or Npgsql.NpgsqlException or IOException)
        {
            await stderr.WriteLineAsync($"axonflow serve: {OneLine(ex)}");
            return 1;
        }
    }

    internal static string OneLine(Exception ex) => ex.Message.ReplaceLineEndings(" ");
}
