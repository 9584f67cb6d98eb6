using System.Globalization;
using AxonFlow.Core.CommunitySaas;
using AxonFlow.Postgres.Audit;
using AxonFlow.Postgres.CommunitySaas.Registration;
using AxonFlow.Server.Configuration;
using AxonFlow.Server.Errors;
using AxonFlow.Server.Networking;

namespace AxonFlow.Server.CommunitySaas.Registration;

/// <summary>
/// <c>POST /api/v1/register</c> (Community SaaS only, no credentials): a new tenant — its own org — and its credential.
/// Order: body (size, shape) → per-IP limit → one transaction (email cap under its lock, org, tenant, credential).
/// Security invariants: the secret is returned once with <c>Cache-Control: no-store</c> and never logged; the email is
/// never logged; <c>endpoint</c> comes from configuration, never from the Host header.
/// </summary>
internal sealed partial class RegistrationEndpoint(
    TenantRegistrar registrar,
    RegistrationThrottle throttle,
    CommunitySaasDigests digests,
    AxonFlowSettings settings,
    ILogger<RegistrationEndpoint> logger)
{
    public async Task<IResult> RegisterAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var body = await RegistrationBodyReader.ReadAsync(context.Request, cancellationToken);
        if (body is RegistrationBody.Invalid invalid)
        {
            return ApiErrorWriter.Result(context, invalid.StatusCode, invalid.Message, invalid.Reason);
        }

        var request = ((RegistrationBody.Valid)body).Request;
        var address = ClientAddress.Of(context);
        var decision = throttle.TryAcquire(address);
        if (!decision.Allowed)
        {
            Log.Throttled(logger, address);
            context.Response.Headers.RetryAfter = decision.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return ApiErrorWriter.Result(
                context,
                StatusCodes.Status429TooManyRequests,
                $"Too many registrations from this address: at most {settings.CommunitySaas.RegistrationsPerIpPerHour} per hour; retry later",
                ErrorReasons.RateLimited);
        }

        var registration = new TenantRegistration(request.Label, request.Email, request.Email is null ? null : digests.Email(request.Email));
        var actor = new AuditActor("registration", "self-service") { RequestId = context.TraceIdentifier, RemoteAddress = address };
        var outcome = await registrar.RegisterAsync(registration, actor, cancellationToken);
        if (outcome is not TenantRegistrationOutcome.Registered registered)
        {
            Log.EmailLimitReached(logger);
            return ApiErrorWriter.Result(
                context,
                StatusCodes.Status409Conflict,
                $"This email already has {TenantRegistrar.MaxActiveTenantsPerEmail} active tenants; recover one of them or wait until one expires",
                ErrorReasons.TenantLimitReached);
        }

        var credential = registered.Credential;
        Log.Registered(logger, credential.Org.Value, request.Email is not null);
        context.Response.Headers.CacheControl = "no-store";
        var response = new RegistrationResponse(
            credential.Org.Value,
            credential.Secret,
            credential.SecretPrefix,
            registered.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            settings.CommunitySaas.PublicUrl,
            RegistrationResponse.StoreTheSecret);
        return TypedResults.Json(response, statusCode: StatusCodes.Status201Created);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Community SaaS tenant {TenantId} registered (recovery email: {WithEmail})")]
        public static partial void Registered(ILogger logger, string tenantId, bool withEmail);

        [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Registration throttled for {ClientAddress}")]
        public static partial void Throttled(ILogger logger, string clientAddress);

        [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Registration refused: the email already holds the maximum of active tenants")]
        public static partial void EmailLimitReached(ILogger logger);
    }
}
