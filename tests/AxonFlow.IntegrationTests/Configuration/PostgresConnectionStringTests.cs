using AxonFlow.Postgres.Connections;
using AxonFlow.Postgres.Embedded;
using Npgsql;

namespace AxonFlow.IntegrationTests.Configuration;

public sealed class PostgresConnectionStringTests
{
    [Fact]
    public void Redact_HidesThePassword()
    {
        var redacted = PostgresConnectionString.Redact("Host=db;Username=axonflow;Password=hunter2;Database=axonflow");

        Assert.DoesNotContain("hunter2", redacted, StringComparison.Ordinal);
        Assert.Contains("Password=***", redacted, StringComparison.Ordinal);
        Assert.Contains("Host=db", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void ToUrl_RoundTripsThroughNormalize()
    {
        const string Original = "Host=db.internal;Port=6543;Username=axonflow_app_role;Password=p@ss:w/rd;Database=axonflow;SSL Mode=Require";

        var url = PostgresConnectionString.ToUrl(Original);
        var back = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Normalize(url));

        Assert.StartsWith("postgres://axonflow_app_role:", url, StringComparison.Ordinal);
        Assert.EndsWith("@db.internal:6543/axonflow?sslmode=require", url, StringComparison.Ordinal);
        Assert.Equal("p@ss:w/rd", back.Password);
        Assert.Equal(SslMode.Require, back.SslMode);
    }

    [Fact]
    public void Normalize_SocketHostInQuery_IsAccepted()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Normalize("postgres://axonflow@/axonflow?host=%2Fvar%2Frun%2Fpostgresql"));

        Assert.Equal("/var/run/postgresql", builder.Host);
    }

    [Fact]
    public void MissingServerBinaries_NameTheAptPackage()
    {
        var empty = Directory.CreateTempSubdirectory("axonflow-nopg-");
        try
        {
            var error = Assert.Throws<PostgresBinariesNotFoundException>(() => PostgresBinaries.Locate([empty.FullName]));

            Assert.Contains("apt-get install -y postgresql", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete();
        }
    }
}
