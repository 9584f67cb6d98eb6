using AxonFlow.Core.Identity;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Postgres.Email;
using AxonFlow.Postgres.OrgScoping;
using Npgsql;

namespace AxonFlow.IntegrationTests.CommunitySaas;

/// <summary>The Community SaaS foundation (migration 016): the append-only erasure ledger, the per-email count, the outbox.</summary>
public sealed class CommunitySaasSchemaTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private TestDatabase Database => fixture.Database;

    [Theory]
    [InlineData("app")]
    [InlineData("admin")]
    [InlineData("owner")]
    public async Task DeletionLog_AcceptsInserts_AndRefusesUpdateDeleteAndTruncate_ForEveryRole(string role)
    {
        await using var source = role switch
        {
            "app" => Database.CreateAppDataSource(),
            "admin" => Database.CreateAdminDataSource(),
            _ => Database.CreateOwnerDataSource(),
        };
        await using (var insert = source.CreateCommand(
            "INSERT INTO deletion_log (subject_hash, subject_kind, actor) VALUES ($1, 'tenant', 'test')"))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = System.Text.Encoding.UTF8.GetBytes(role) });
            Assert.Equal(1, await insert.ExecuteNonQueryAsync(Token));
        }

        foreach (var change in new[] { "UPDATE deletion_log SET actor = 'x'", "DELETE FROM deletion_log", "TRUNCATE deletion_log" })
        {
            await using var command = source.CreateCommand(change);
            var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync(Token));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        }

        await using var owner = Database.CreateOwnerDataSource();
        await using var count = owner.CreateCommand("SELECT count(*) FROM deletion_log WHERE subject_hash = $1");
        count.Parameters.Add(new NpgsqlParameter { Value = System.Text.Encoding.UTF8.GetBytes(role) });
        Assert.Equal(1L, await count.ExecuteScalarAsync(Token));
    }

    [Fact]
    public async Task ActiveTenantsForEmail_CountsAcrossOrgs_OnlyUnexpired_WithoutSeeingRowsDirectly()
    {
        var hash = System.Text.Encoding.UTF8.GetBytes("email-hash-1");
        await using var owner = Database.CreateOwnerDataSource();
        foreach (var (org, expiresIn) in new[] { ("cs_one", "1 day"), ("cs_two", "2 days"), ("cs_old", "-1 day") })
        {
            await using var insert = owner.CreateCommand(
                $"INSERT INTO community_saas_tenants (org_id, email, email_hash, expires_at) VALUES ($1, 'a@mail.test', $2, now() + interval '{expiresIn}')");
            insert.Parameters.Add(new NpgsqlParameter { Value = org });
            insert.Parameters.Add(new NpgsqlParameter { Value = hash });
            await insert.ExecuteNonQueryAsync(Token);
        }

        await using var app = Database.CreateAppDataSource();
        await using var lookup = app.CreateCommand("SELECT org_id FROM csaas_active_tenants_for_email($1, now())");
        lookup.Parameters.Add(new NpgsqlParameter { Value = hash });
        var orgs = new List<string>();
        await using (var reader = await lookup.ExecuteReaderAsync(Token))
        {
            while (await reader.ReadAsync(Token))
            {
                orgs.Add(reader.GetString(0));
            }
        }

        Assert.Equal(["cs_one", "cs_two"], orgs.Order(StringComparer.Ordinal));
        await using var direct = app.CreateCommand("SELECT count(*) FROM community_saas_tenants");
        Assert.Equal(0L, await direct.ExecuteScalarAsync(Token));
    }

    [Fact]
    public async Task OutboxMessage_CommitsAndRollsBackWithItsTransaction()
    {
        await using var app = Database.CreateAppDataSource();
        var scope = new OrgScope(app);
        var org = OrgId.Create("cs_outbox");
        var message = new OutboundEmail("test.kind", "to@mail.test", "Subject", "body");
        var now = DateTimeOffset.UnixEpoch.AddYears(56);

        var kept = await scope.RunAsync(org, (s, t) => EmailOutbox.EnqueueAsync(s, message, now, t), Token);
        await Assert.ThrowsAsync<InvalidOperationException>(() => scope.RunAsync(
            org,
            async (s, t) =>
            {
                await EmailOutbox.EnqueueAsync(s, message with { Subject = "rolled back" }, now, t);
                throw new InvalidOperationException("the change failed");
            },
            Token));

        await using var owner = Database.CreateOwnerDataSource();
        await using var rows = owner.CreateCommand("SELECT id, subject, status FROM email_outbox WHERE org_id = 'cs_outbox'");
        await using var reader = await rows.ExecuteReaderAsync(Token);
        Assert.True(await reader.ReadAsync(Token));
        Assert.Equal(kept, reader.GetGuid(0));
        Assert.Equal("Subject", reader.GetString(1));
        Assert.Equal("pending", reader.GetString(2));
        Assert.False(await reader.ReadAsync(Token));
    }
}
