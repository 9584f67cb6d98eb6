using System.Text.RegularExpressions;
using AxonFlow.IntegrationTests.Infrastructure;
using Npgsql;

namespace AxonFlow.IntegrationTests.CommunitySaas;

/// <summary>Reads what features enqueued in <c>email_outbox</c> (owner connection, all orgs).</summary>
internal static partial class Outbox
{
    public static async Task<IReadOnlyList<string>> BodiesAsync(TestDatabase database, string recipient, string kind)
    {
        await using var owner = database.CreateOwnerDataSource();
        await using var command = owner.CreateCommand("SELECT body_text FROM email_outbox WHERE recipient = $1 AND kind = $2 ORDER BY created_at, id");
        command.Parameters.Add(new NpgsqlParameter { Value = recipient });
        command.Parameters.Add(new NpgsqlParameter { Value = kind });
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var bodies = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            bodies.Add(reader.GetString(0));
        }

        return bodies;
    }

    /// <summary>Waits (the send is asynchronous) until <paramref name="count"/> messages are there; returns them.</summary>
    public static async Task<IReadOnlyList<string>> WaitForAsync(TestDatabase database, string recipient, string kind, int count = 1)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var bodies = await BodiesAsync(database, recipient, kind);
            if (bodies.Count >= count)
            {
                return bodies;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"No {kind} email for the recipient after 10 s.");
    }

    /// <summary>The split token (<c>selector.verifier</c>) a message carries.</summary>
    public static string TokenIn(string body)
    {
        var match = TokenPattern().Match(Uri.UnescapeDataString(body));
        Assert.True(match.Success, "no token in the message");
        return match.Value;
    }

    [GeneratedRegex("[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}")]
    private static partial Regex TokenPattern();
}
