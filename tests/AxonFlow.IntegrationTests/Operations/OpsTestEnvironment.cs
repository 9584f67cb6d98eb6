using System.Net;
using System.Net.Sockets;
using AxonFlow.IntegrationTests.Infrastructure;

namespace AxonFlow.IntegrationTests.Operations;

/// <summary>Environments for the real CLI process as an operator of an external database sets them.</summary>
internal static class OpsTestEnvironment
{
    public const string CredentialHashKey = "ops-test-credential-hash-key-0123456789abcdef";

    /// <summary>A production agent on <paramref name="database"/>: owner DSN for migrations, app-role DSN for traffic.</summary>
    public static Dictionary<string, string> Production(TestDatabase database, string? orgId)
    {
        var environment = new Dictionary<string, string>
        {
            ["DATABASE_URL"] = database.ConnectionStrings.Owner,
            ["AXONFLOW_DB_APP_ROLE_URL"] = database.ConnectionStrings.App,
            ["DEPLOYMENT_KIND"] = "production",
            ["AXONFLOW_CREDENTIAL_HASH_KEY"] = CredentialHashKey,
        };
        if (orgId is not null)
        {
            environment["ORG_ID"] = orgId;
        }

        return environment;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
