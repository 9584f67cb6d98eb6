using System.Globalization;
using AxonFlow.Core.Identity;
using AxonFlow.Postgres.Portal;
using AxonFlow.Server.Errors;
using AxonFlow.Server.Portal.Sessions;
using Microsoft.AspNetCore.Mvc;

namespace AxonFlow.Server.Portal.Usage;

/// <summary>
/// <c>GET /api/v1/portal/usage?from=YYYY-MM-DD&amp;to=YYYY-MM-DD[&amp;client_id=…]</c>: requests, blocks, redactions, tokens
/// and cost per UTC day and per client, from the session org's audit trail. The default range is the last 30 days.
/// </summary>
internal static class UsageEndpoints
{
    public const int MaxDays = 366;

    public static RouteGroupBuilder MapPortalUsageEndpoints(this RouteGroupBuilder portal)
    {
        portal.MapGet("/usage", GetAsync);
        return portal;
    }

    private static async Task<IResult> GetAsync(
        HttpContext context,
        UsageStore store,
        TimeProvider timeProvider,
        string? from,
        string? to,
        [FromQuery(Name = "client_id")] string? clientId,
        CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        if (!TryDate(to, "to", today, out var last, out var error) || !TryDate(from, "from", last.AddDays(-29), out var first, out error))
        {
            return Invalid(context, error!);
        }

        if (first > last)
        {
            return Invalid(context, "from must not be after to");
        }

        if (last.DayNumber - first.DayNumber + 1 > MaxDays)
        {
            return Invalid(context, $"The range must be at most {MaxDays} days");
        }

        if (clientId is not null && !ClientId.TryCreate(clientId, out _))
        {
            return Invalid(context, "client_id is not a valid client id");
        }

        var caller = context.GetPortalCaller();
        var report = await store.GetAsync(caller.Org, first, last, clientId, cancellationToken);
        return TypedResults.Ok(new UsageResponse(
            caller.Org.Value,
            report.From,
            report.To,
            report.Totals,
            [.. report.Daily.Select(d => new DailyUsageView(d.Date, d.Usage.Requests, d.Usage.Blocked, d.Usage.Redacted, d.Usage.Tokens, d.Usage.Cost))],
            [.. report.Clients.Select(c => new ClientUsageView(c.ClientId, c.Usage.Requests, c.Usage.Blocked, c.Usage.Redacted, c.Usage.Tokens, c.Usage.Cost))]));
    }

    private static bool TryDate(string? text, string name, DateOnly fallback, out DateOnly date, out string? error)
    {
        error = null;
        date = fallback;
        if (text is null)
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return true;
        }

        error = $"{name} must be a date as YYYY-MM-DD";
        return false;
    }

    private static IResult Invalid(HttpContext context, string message) =>
        ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, message, ErrorReasons.InvalidRequest);
}

internal sealed record UsageResponse(string OrgId, DateOnly From, DateOnly To, UsageTotals Totals, IReadOnlyList<DailyUsageView> Daily, IReadOnlyList<ClientUsageView> Clients);

internal sealed record DailyUsageView(DateOnly Date, long Requests, long Blocked, long Redacted, long Tokens, decimal Cost);

internal sealed record ClientUsageView(string ClientId, long Requests, long Blocked, long Redacted, long Tokens, decimal Cost);
