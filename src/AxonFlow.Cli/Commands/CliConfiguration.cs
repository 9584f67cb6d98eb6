using AxonFlow.Server.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace AxonFlow.Cli.Commands;

/// <summary>Configuration and logging shared by the commands: environment variables over an optional <c>appsettings.json</c>.</summary>
internal static class CliConfiguration
{
    public static IConfiguration Load() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build();

    /// <summary>Reads settings; on failure prints one line per problem and returns null.</summary>
    public static AxonFlowSettings? ReadSettings(string? dataDirectory, TextWriter stderr)
    {
        try
        {
            return SettingsReader.Read(Load(), dataDirectory);
        }
        catch (SettingsException ex)
        {
            foreach (var error in ex.Errors)
            {
                stderr.WriteLine($"axonflow: configuration error: {error}");
            }

            return null;
        }
    }

    public static ILoggerFactory CreateLoggerFactory() => LoggerFactory.Create(logging => logging
        .AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            console.UseUtcTimestamp = true;
        })
        .AddFilter("Npgsql", LogLevel.Warning)
        .SetMinimumLevel(LogLevel.Information));
}
