using AxonFlow.Core.CommunitySaas;
using AxonFlow.Core.Identity;
using AxonFlow.Core.Licensing;
using AxonFlow.Postgres.CommunitySaas.Tiers;
using AxonFlow.Postgres.OrgScoping;
using AxonFlow.Server.Clients;
using AxonFlow.Server.Licensing;

namespace AxonFlow.Server.CommunitySaas.Tiers;

/// <summary>
/// Community SaaS, on every governed route after authentication and client identification: validates
/// <c>X-License-Token</c> (any refusal is its 401/403), resolves the tier (Pro/Premium with a valid token and an active
/// license row, Free for a registered tenant without a token, none otherwise), counts the request against the day's
/// cap in PostgreSQL (429 when over, not counted), and records one telemetry row once the response is sent.
/// </summary>
internal sealed partial class CommunitySaasTierMiddleware(
    RequestDelegate next,
    LicenseTokenValidator licenseTokens,
    OrgScope orgScope,
    CommunitySaasTierSettings settings,
    RequestTelemetryRecorder telemetry,
    TimeProvider timeProvider,
    ILogger<CommunitySaasTierMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<CallerIdentity>() is not { } caller || !GovernedRoutes.Covers(context.Request.Path))
        {
            await next(context);
            return;
        }

        var client = context.GetClientIdentification();
        telemetry.RecordOnCompleted(context, caller, client);
        var outcome = await licenseTokens.ValidateAsync(context.Request, client.Scope, caller.Client, LicenseValidationContext.SaasPlugin, context.RequestAborted);
        CommunitySaasTier? licensed = null;
        switch (outcome)
        {
            case LicenseTokenOutcome.Rejected rejected:
                Log.LicenseRejected(logger, rejected.Reason);
                await rejected.WriteAsync(context);
                return;
            case LicenseTokenOutcome.Accepted accepted when CommunitySaasTiers.TryFromLicense(accepted.Payload.Tier, out var paid):
                licensed = paid;
                break;
        }

        var now = timeProvider.GetUtcNow();
        var window = DailyQuotaWindow.At(now);
        var resolved = await orgScope.RunAsync(
            caller.Org,
            async (session, token) =>
            {
                var tier = licensed ?? (await DailyUsageCounter.IsTenantAsync(session, token) ? CommunitySaasTier.Free : null);
                var limit = settings.DailyLimit(tier);
                var used = await DailyUsageCounter.TryCountAsync(session, window.Day, limit, now, token);
                return new CommunitySaasRequestTier(tier, limit, used ?? limit, window, Refused: used is null);
            },
            context.RequestAborted);
        context.Features.Set(resolved);
        QuotaResponses.SetHeaders(context.Response, resolved);
        if (resolved.Refused)
        {
            Log.QuotaExceeded(logger, resolved.TierName, resolved.DailyLimit);
            await QuotaResponses.WriteExceededAsync(context, resolved);
            return;
        }

        await next(context);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Community SaaS license token refused ({Reason})")]
        public static partial void LicenseRejected(ILogger logger, string reason);

        [LoggerMessage(EventId = 7102, Level = LogLevel.Information, Message = "Community SaaS daily quota exceeded (tier {Tier}, limit {Limit})")]
        public static partial void QuotaExceeded(ILogger logger, string tier, int limit);
    }
}
