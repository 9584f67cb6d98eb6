using AxonFlow.Core.CommunitySaas;
using AxonFlow.Postgres.Audit;
using AxonFlow.Server.CommunitySaas.SelfService;
using AxonFlow.Server.Errors;
using AxonFlow.Server.Networking;
using Microsoft.AspNetCore.Mvc;

namespace AxonFlow.Server.CommunitySaas.Recovery;

/// <summary>
/// Credential recovery (community-saas only, <c>COMMUNITY_SAAS_RECOVERY_ENABLED</c>): <c>POST /api/v1/recover</c> asks
/// for a magic link, <c>GET /api/v1/recover/verify</c> shows the confirmation page, <c>POST /api/v1/recover/verify</c>
/// consumes the token and returns fresh credentials.
/// </summary>
internal static class RecoveryEndpoints
{
    public static RouteGroupBuilder MapRecoveryEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/recover").WithTags("Community SaaS recovery");
        group.MapPost("", RequestAsync)
            .Accepts<RecoverRequest>("application/json")
            .Produces<RecoveryAccepted>(StatusCodes.Status202Accepted)
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status413PayloadTooLarge)
            .Produces<ApiError>(StatusCodes.Status429TooManyRequests);
        group.MapGet("/verify", ConfirmationPage)
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .Produces<ApiError>(StatusCodes.Status400BadRequest);
        group.MapPost("/verify", VerifyAsync)
            .Accepts<RecoverVerifyRequest>("application/json", "application/x-www-form-urlencoded")
            .Produces<RecoveredCredentials>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status413PayloadTooLarge)
            .Produces<ApiError>(StatusCodes.Status429TooManyRequests);
        return group;
    }

    /// <summary>
    /// The same 202 for every well-formed address after the same work (validate, per-IP limit, digest, hand-off); whether
    /// the address has tenants is decided later, off the request path.
    /// </summary>
    private static async Task<IResult> RequestAsync(
        HttpContext context,
        [FromServices] SelfServiceLimits limits,
        [FromServices] CommunitySaasDigests digests,
        [FromServices] SelfServiceQueue queue,
        [FromServices] RecoveryMailer mailer,
        CancellationToken cancellationToken)
    {
        if (SelfServiceLimits.Refusal(context, limits.RecoverPerIp, ClientAddress.Of(context)) is { } limited)
        {
            return limited;
        }

        var body = await SmallJsonBody.ReadFieldAsync(context, "email", allowForm: false, cancellationToken);
        if (body.Error is { } error)
        {
            return error;
        }

        if (body.Value is not { } value || !EmailAddress.IsPlausible(value))
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, RecoveryMessages.InvalidEmail, ErrorReasons.InvalidRequest);
        }

        var email = value.Trim();
        var emailHash = digests.Email(email);
        queue.Enqueue(new SelfServiceJob("[CSAAS-RECOVERY] recovery request", ct => mailer.SendAsync(email, emailHash, ct)));
        return TypedResults.Json(new RecoveryAccepted("accepted", RecoveryMessages.Accepted), statusCode: StatusCodes.Status202Accepted);
    }

    private static IResult ConfirmationPage(HttpContext context, [FromQuery] string? token)
    {
        if (!SplitToken.TryParse(token, out var parsed))
        {
            RecoveryConfirmationPage.SetHeaders(context.Response);
            return ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, RecoveryMessages.InvalidToken, ErrorReasons.InvalidToken);
        }

        return RecoveryConfirmationPage.Render(context, parsed.Value);
    }

    private static async Task<IResult> VerifyAsync(
        HttpContext context,
        [FromServices] SelfServiceLimits limits,
        [FromServices] RecoveryConsumer consumer,
        CancellationToken cancellationToken)
    {
        RecoveryConfirmationPage.SetHeaders(context.Response);
        var address = ClientAddress.Of(context);
        if (SelfServiceLimits.Refusal(context, limits.VerifyPerIp, address) is { } limited)
        {
            return limited;
        }

        var body = await SmallJsonBody.ReadFieldAsync(context, "token", allowForm: true, cancellationToken);
        if (body.Error is { } error)
        {
            return error;
        }

        if (!SplitToken.TryParse(body.Value, out var token))
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, RecoveryMessages.InvalidToken, ErrorReasons.InvalidToken);
        }

        var actor = new AuditActor("tenant_recovery", "recovery-link") { RequestId = context.TraceIdentifier, RemoteAddress = address };
        var recovered = await consumer.ConsumeAsync(token, actor, cancellationToken);
        return recovered is null
            ? ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, RecoveryMessages.InvalidToken, ErrorReasons.InvalidToken)
            : TypedResults.Ok(new RecoveredCredentials(recovered, RecoveryMessages.Note));
    }
}
