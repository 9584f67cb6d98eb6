using AxonFlow.Core.Identity;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Postgres.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AxonFlow.IntegrationTests.Operations.Docs;

/// <summary>
/// What the docs' commands run against: a legacy database upgraded as the upgrade guide describes (production,
/// <c>ORG_ID=acme-corp</c>), the real agent serving it, and the three DSNs as the URLs an operator exports.
/// </summary>
public sealed class OperatorDocsFixture : IAsyncLifetime
{
    private TestDatabase? _database;
    private AxonFlowTestServer? _server;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("not initialised");

    public AxonFlowTestServer Server => _server ?? throw new InvalidOperationException("not initialised");

    /// <summary><c>DATABASE_URL</c>, <c>AXONFLOW_DB_APP_ROLE_URL</c>, <c>AXONFLOW_DB_PLATFORM_ADMIN_URL</c> over TCP, as psql takes them.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; private set; } = new Dictionary<string, string>();

    public async ValueTask InitializeAsync()
    {
        _database = await LegacySchema.CreateAsync("operatordocs");
        await using (var owner = _database.CreateOwnerDataSource())
        {
            await new Migrator(owner, MigrationCatalog.Embedded, TimeProvider.System, NullLogger<Migrator>.Instance)
                .UpAsync(new MigrationContext(OrgId.Create("acme-corp"), DeploymentKind.Production), null, CancellationToken.None);
        }

        var port = _database.Cluster.Cluster.Port;
        Environment = new Dictionary<string, string>
        {
            ["DATABASE_URL"] = Url(_database.ConnectionStrings.Owner, port),
            ["AXONFLOW_DB_APP_ROLE_URL"] = Url(_database.ConnectionStrings.App, port),
            ["AXONFLOW_DB_PLATFORM_ADMIN_URL"] = Url(_database.ConnectionStrings.PlatformAdmin, port),
        };
        _server = await AxonFlowTestServer.StartAsync(_database);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private static string Url(string connectionString, int port)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgres://{Uri.EscapeDataString(builder.Username!)}:{Uri.EscapeDataString(builder.Password!)}@127.0.0.1:{port}/{builder.Database}?sslmode=disable";
    }
}
