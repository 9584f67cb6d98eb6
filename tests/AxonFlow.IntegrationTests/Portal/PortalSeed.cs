using AxonFlow.Core.Credentials;
using AxonFlow.Core.Identity;
using AxonFlow.Core.Portal;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Postgres.Portal;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AxonFlow.IntegrationTests.Portal;

/// <summary>Organizations and portal users put in place the way an operator would: through the stores, as real rows.</summary>
internal static class PortalSeed
{
    public const string Password = "correct horse battery staple";

    public static async Task OrganizationAsync(TestDatabase database, string org, string? name = null)
    {
        await using var owner = database.CreateOwnerDataSource();
        await using var insert = owner.CreateCommand("INSERT INTO organizations (org_id, name) VALUES ($1, $2) ON CONFLICT (org_id) DO NOTHING");
        insert.Parameters.Add(new NpgsqlParameter { Value = org });
        insert.Parameters.Add(new NpgsqlParameter { Value = name ?? org });
        await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<PortalUser> UserAsync(AxonFlowTestServer server, string org, string email, PortalRole role = PortalRole.Member, string password = Password)
    {
        var store = server.Services.GetRequiredService<PortalUserStore>();
        var hasher = server.Services.GetRequiredService<PasswordHasher>();
        Assert.True(LoginEmail.TryCreate(email, out var login, out _));
        var written = await store.CreateAsync(
            OrgId.Create(org),
            new PortalUserDraft { Email = login.Value, DisplayName = email.Split('@')[0], Role = role, PasswordHash = hasher.Hash(password) },
            TestContext.Current.CancellationToken);
        return Assert.IsType<PortalUserWrite.Written>(written).User;
    }

    /// <summary>A browser already signed in as a new user of <paramref name="org"/>.</summary>
    public static async Task<PortalBrowser> SignedInAsync(AxonFlowTestServer server, string org, string email, PortalRole role = PortalRole.Member)
    {
        await UserAsync(server, org, email, role);
        var browser = PortalBrowser.For(server);
        var response = await browser.LoginAsync(email, Password);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return browser;
    }

    public static async Task<long> CountAsync(TestDatabase database, string sql, params object[] parameters)
    {
        await using var owner = database.CreateOwnerDataSource();
        await using var command = owner.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
