using AxonFlow.Server.Providers.Anthropic;
using AxonFlow.Server.Providers.Local;
using AxonFlow.Server.Providers.OpenAi;
using AxonFlow.Server.Providers.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AxonFlow.Server.Providers;

public static class ProviderServiceCollectionExtensions
{
    /// <summary>
    /// Reads and validates the LLM provider settings (throwing <see cref="ProviderSettingsException"/> listing every problem),
    /// then registers one singleton per configured provider, each owning its connection pool, and the <see cref="ILlmRouter"/>.
    /// With no provider key configured the deterministic local provider answers. <see cref="TimeProvider"/> defaults to the system clock.
    /// </summary>
    public static IServiceCollection AddLlmProviders(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        var settings = ProviderSettingsReader.Read(configuration);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(settings);
        foreach (var endpoint in settings.Providers)
        {
            services.AddSingleton<ILlmProvider>(_ => Create(endpoint));
        }

        services.TryAddSingleton<LlmRouter>();
        services.TryAddSingleton<ILlmRouter>(sp => sp.GetRequiredService<LlmRouter>());
        return services;
    }

    private static ILlmProvider Create(ProviderEndpoint endpoint) => endpoint.Kind switch
    {
        ProviderKind.OpenAi => new OpenAiCompatibleProvider(endpoint),
        ProviderKind.Anthropic => new AnthropicProvider(endpoint),
        _ => new LocalProvider(endpoint),
    };
}
