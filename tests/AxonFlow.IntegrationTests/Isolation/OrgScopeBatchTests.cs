using AxonFlow.Core.Identity;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Postgres.OrgScoping;
using Npgsql;

namespace AxonFlow.IntegrationTests.Isolation;

/// <summary>
/// The one-round-trip batch write (used by the audit group commit) runs without an explicit BEGIN/COMMIT, so these pin
/// what it relies on: every org's statements see that org, the batch is all-or-nothing, and the setting ends with it.
/// </summary>
public sealed class OrgScopeBatchTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string InsertAudit = "INSERT INTO audit_logs (org_id, client_id, tenant_id, request_type) VALUES ($1, 'c', 'c', $2)";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EachOrgsStatements_RunUnderThatOrg()
    {
        await using var app = fixture.Database.CreateAppDataSource();
        var scope = new OrgScope(app);
        OrgId[] orgs = [OrgId.Create("batch-a"), OrgId.Create("batch-b"), OrgId.Create("batch-c")];

        await scope.RunBatchForEachOrgAsync(orgs, (org, batch) => batch.BatchCommands.Add(Insert(org.Value, "batch-each")), Token);

        foreach (var org in orgs)
        {
            var seen = await scope.RunAsync(org, (s, t) => OrgsSeenAsync(s, "batch-each", t), Token);
            Assert.Equal([org.Value], seen);
        }
    }

    [Fact]
    public async Task StatementForTheWrongOrg_IsRefusedAndRollsBackTheWholeBatch()
    {
        await using var app = fixture.Database.CreateAppDataSource();
        var scope = new OrgScope(app);
        var first = OrgId.Create("batch-first");
        var second = OrgId.Create("batch-second");

        // The second org's statement claims the first org's id: RLS WITH CHECK refuses it, and the first org's row,
        // already executed in the same batch, must not survive.
        var refused = await Assert.ThrowsAsync<PostgresException>(() => scope.RunBatchForEachOrgAsync(
            [first, second],
            (_, batch) => batch.BatchCommands.Add(Insert(first.Value, "batch-atomic")),
            Token));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        var left = await scope.RunAsync(first, (s, t) => OrgsSeenAsync(s, "batch-atomic", t), Token);
        Assert.Empty(left);
    }

    [Fact]
    public async Task PooledConnectionAfterABatch_CarriesNoOrg()
    {
        await using var app = fixture.Database.CreateAppDataSource(maxPoolSize: 1);
        var scope = new OrgScope(app);

        await scope.RunBatchForEachOrgAsync([OrgId.Create("batch-pool")], (org, batch) => batch.BatchCommands.Add(Insert(org.Value, "batch-pool")), Token);

        await using var connection = await app.OpenConnectionAsync(Token);
        await using var setting = new NpgsqlCommand("SELECT nullif(current_setting('app.current_org_id', true), '')", connection);
        Assert.IsType<DBNull>(await setting.ExecuteScalarAsync(Token));
        await using var status = new NpgsqlCommand("SELECT count(*) FROM audit_logs WHERE request_type = 'batch-pool'", connection);
        Assert.Equal(0L, await status.ExecuteScalarAsync(Token));
    }

    private static NpgsqlBatchCommand Insert(string org, string marker)
    {
        var command = new NpgsqlBatchCommand(InsertAudit);
        command.Parameters.Add(new NpgsqlParameter { Value = org });
        command.Parameters.Add(new NpgsqlParameter { Value = marker });
        return command;
    }

    private static async Task<List<string>> OrgsSeenAsync(OrgScopedSession session, string marker, CancellationToken token)
    {
        await using var select = session.CreateCommand("SELECT DISTINCT org_id FROM audit_logs WHERE request_type = $1");
        select.Parameters.Add(new NpgsqlParameter { Value = marker });
        await using var reader = await select.ExecuteReaderAsync(token);
        var orgs = new List<string>();
        while (await reader.ReadAsync(token))
        {
            orgs.Add(reader.GetString(0));
        }

        return orgs;
    }
}
