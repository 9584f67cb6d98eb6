[assembly: AssemblyFixture(typeof(AxonFlow.IntegrationTests.Infrastructure.PostgresClusterAssemblyFixture))]

namespace AxonFlow.IntegrationTests.Infrastructure;

/// <summary>Stops the shared cluster (if any test started it) once the whole run is over.</summary>
public sealed class PostgresClusterAssemblyFixture : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await PostgresCluster.StopIfStartedAsync();
}
