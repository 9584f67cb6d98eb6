using System.Text;
using System.Text.Json;
using AxonFlow.Core.Credentials;
using AxonFlow.Postgres.Connections;
using AxonFlow.Postgres.Credentials;
using AxonFlow.Postgres.Diagnostics;
using AxonFlow.Postgres.OrgScoping;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AxonFlow.Server.Hosting;

internal static class HostingExtensions
{
    public static void AddAxonFlowHosting(this WebApplicationBuilder builder, AxonFlowRuntime runtime)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = runtime.Settings.MaxRequestBodyBytes;
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console =>
        {
            console.IncludeScopes = true;
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            console.UseUtcTimestamp = true;
        });
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Npgsql", LogLevel.Warning);
        // Unhandled exceptions are logged once, by our handler, without echoing them to the client.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware", LogLevel.None);

        builder.Services.AddSingleton(runtime);
        builder.Services.AddSingleton(runtime.Settings);
        builder.Services.TryAddSingleton(TimeProvider.System);
        // Binding failures (malformed JSON, wrong types, wrong content type) become exceptions our handler turns into
        // precise 400/415 bodies, instead of bare status codes.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.DictionaryKeyPolicy = null;
        });
    }

    public static void AddAxonFlowData(this IServiceCollection services, AxonFlowRuntime runtime)
    {
        services.AddSingleton(_ => AxonFlowDataSources.Create(runtime.AppConnectionString, runtime.PlatformAdminConnectionString));
        services.AddSingleton(sp => new OrgScope(sp.GetRequiredService<AxonFlowDataSources>().App));
        services.AddSingleton(sp => new RlsDiagnostics(sp.GetRequiredService<AxonFlowDataSources>().App));
        services.AddSingleton(_ => new CredentialHasher(Encoding.UTF8.GetBytes(runtime.CredentialHashKey)));
        services.AddSingleton(_ => new Core.CommunitySaas.CommunitySaasDigests(Encoding.UTF8.GetBytes(runtime.CredentialHashKey)));
        services.AddSingleton(_ => new Fingerprinter(Encoding.UTF8.GetBytes(runtime.CredentialHashKey)));
        services.AddSingleton<UnregisteredClientCache>();
        services.AddSingleton<CredentialIssuer>();
        services.AddSingleton(sp => new ApiKeyStore(
            sp.GetRequiredService<AxonFlowDataSources>().App,
            sp.GetRequiredService<OrgScope>(),
            sp.GetRequiredService<CredentialIssuer>(),
            sp.GetRequiredService<UnregisteredClientCache>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new CredentialChangeListener(
            sp.GetRequiredService<AxonFlowDataSources>().App,
            sp.GetRequiredService<UnregisteredClientCache>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<CredentialChangeListener>>()));
        services.AddHostedService(sp => sp.GetRequiredService<CredentialChangeListener>());
    }
}
