namespace AxonFlow.IntegrationTests.Infrastructure;

/// <summary>Class fixture: a fresh, fully migrated database for the test class, dropped afterwards.</summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The database fixture is not initialised.");

    public async ValueTask InitializeAsync()
    {
        var cluster = await PostgresCluster.GetAsync();
        _database = await cluster.CreateDatabaseAsync(GetType().Name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
