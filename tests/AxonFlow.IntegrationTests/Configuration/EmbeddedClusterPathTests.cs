using AxonFlow.Postgres.Embedded;
using Microsoft.Extensions.Logging.Abstractions;

namespace AxonFlow.IntegrationTests.Configuration;

public sealed class EmbeddedClusterPathTests
{
    [Fact]
    public async Task StartAsync_AsRootUnderADirectoryPostgresCannotTraverse_NamesTheDirectory()
    {
        var parent = Directory.CreateTempSubdirectory("axonflow-locked-");
        File.SetUnixFileMode(parent.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var options = new EmbeddedClusterOptions { Home = Path.Combine(parent.FullName, "home"), Durable = false };
        try
        {
            if (string.Equals(Environment.UserName, "root", StringComparison.Ordinal))
            {
                var error = await Assert.ThrowsAsync<EmbeddedPostgresException>(() =>
                    EmbeddedPostgresCluster.StartAsync(options, NullLogger.Instance, TestContext.Current.CancellationToken));

                Assert.Contains($"because {parent.FullName} is not searchable by other users", error.Message, StringComparison.Ordinal);
                Assert.False(Directory.Exists(Path.Combine(options.Home, "pg", "data")));
            }
            else
            {
                // Not root: the cluster runs as this user, who can reach its own directory.
                await using var cluster = await EmbeddedPostgresCluster.StartAsync(options, NullLogger.Instance, TestContext.Current.CancellationToken);
                Assert.True(cluster.Port > 0);
            }
        }
        finally
        {
            parent.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task StartAsync_SocketPathTooLong_SaysSo()
    {
        var home = Path.Combine(Path.GetTempPath(), new string('h', 110));
        try
        {
            var error = await Assert.ThrowsAsync<EmbeddedPostgresException>(() =>
                EmbeddedPostgresCluster.StartAsync(new EmbeddedClusterOptions { Home = home }, NullLogger.Instance, TestContext.Current.CancellationToken));

            Assert.Contains("too long for a PostgreSQL Unix socket", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
