using System.Net;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;
using static AxonFlow.IntegrationTests.CommunitySaas.TenantRegistrationClient;

namespace AxonFlow.IntegrationTests.CommunitySaas;

/// <summary>A registration is one transaction: a failure after the org (and tenant) rows were written leaves nothing behind.</summary>
public sealed class RegistrationAtomicityTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AFailureWhileIssuingTheCredential_RollsBackTheOrgAndTheTenant()
    {
        await using var owner = fixture.Database.CreateOwnerDataSource();

        // The last write of a registration (its credential) fails; the organizations and tenant rows came before it.
        await ExecuteAsync(owner, """
            CREATE FUNCTION test_refuse_registration_credential() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'injected failure after the org insert'; END $$;
            CREATE TRIGGER test_refuse_registration_credential BEFORE INSERT ON api_keys
                FOR EACH ROW WHEN (NEW.client_id LIKE 'cs\_%') EXECUTE FUNCTION test_refuse_registration_credential();
            """);
        try
        {
            await using var server = await StartAsync(fixture.Database);

            var json = await HttpAssert.ErrorAsync(
                await PostAsync(server.Client, """{"label":"doomed","email":"doomed@example.test"}"""), HttpStatusCode.InternalServerError, "internal_error");

            Assert.DoesNotContain("injected", json.GetRawText(), StringComparison.Ordinal);
            foreach (var table in new[] { "organizations", "community_saas_tenants", "api_keys", "agent_audit_logs" })
            {
                await using var count = owner.CreateCommand($"SELECT count(*) FROM {table} WHERE org_id LIKE 'cs\\_%'");
                Assert.True(0L == (long)(await count.ExecuteScalarAsync(Token))!, $"{table} kept a row of the failed registration");
            }

            await using var orgs = owner.CreateCommand("SELECT count(*) FROM organizations WHERE name = 'doomed'");
            Assert.Equal(0L, await orgs.ExecuteScalarAsync(Token));
        }
        finally
        {
            await ExecuteAsync(owner, "DROP TRIGGER test_refuse_registration_credential ON api_keys; DROP FUNCTION test_refuse_registration_credential();");
        }
    }

    private static async Task ExecuteAsync(Npgsql.NpgsqlDataSource source, string sql)
    {
        await using var command = source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(Token);
    }
}
