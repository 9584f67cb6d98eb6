using AxonFlow.Core.CommunitySaas;
using AxonFlow.Core.Identity;
using AxonFlow.Postgres.CommunitySaas;
using AxonFlow.Server.CommunitySaas.SelfService;
using AxonFlow.Server.Errors;
using AxonFlow.Server.Networking;
using Microsoft.AspNetCore.Mvc;

namespace AxonFlow.Server.CommunitySaas.Erasure;

/// <summary>
/// GDPR erasure (community-saas only, <c>COMMUNITY_SAAS_DELETE_ENABLED</c>): <c>delete-request</c> emails a one-hour
/// single-use token to the address on file; <c>delete-confirm</c> consumes it and erases the tenant in one transaction.
/// </summary>
internal static partial class ErasureEndpoints
{
    public static RouteGroupBuilder MapErasureEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/tenant/{id}").WithTags("Community SaaS erasure");
        group.MapPost("/delete-request", RequestAsync)
            .Accepts<DeleteRequestBody>("application/json")
            .Produces<DeleteRequestAccepted>(StatusCodes.Status202Accepted)
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status413PayloadTooLarge)
            .Produces<ApiError>(StatusCodes.Status429TooManyRequests);
        group.MapPost("/delete-confirm", ConfirmAsync)
            .Accepts<DeleteConfirmBody>("application/json")
            .Produces<ErasureReceiptResponse>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status413PayloadTooLarge)
            .Produces<ApiError>(StatusCodes.Status429TooManyRequests);
        return group;
    }

    /// <summary>
    /// The same 202 whether the tenant exists and whether the email matched (the comparison runs off the request path);
    /// only malformed input and the rate limits answer otherwise, and they depend on nothing stored.
    /// </summary>
    private static async Task<IResult> RequestAsync(
        HttpContext context,
        string id,
        [FromServices] SelfServiceLimits limits,
        [FromServices] CommunitySaasDigests digests,
        [FromServices] SelfServiceQueue queue,
        [FromServices] DeleteRequestMailer mailer,
        CancellationToken cancellationToken)
    {
        if (!CommunitySaasTenantId.IsValid(id))
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, ErasureMessages.InvalidTenantId, ErrorReasons.InvalidRequest);
        }

        var body = await SmallJsonBody.ReadFieldAsync(context, "email", allowForm: false, cancellationToken);
        if (body.Error is { } error)
        {
            return error;
        }

        if (body.Value is not { } email || !EmailAddress.IsPlausible(email))
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, ErasureMessages.InvalidEmail, ErrorReasons.InvalidRequest);
        }

        if (SelfServiceLimits.Refusal(context, limits.DeleteRequestPerIp, ClientAddress.Of(context)) is { } ipLimited)
        {
            return ipLimited;
        }

        if (SelfServiceLimits.Refusal(context, limits.DeleteRequestPerTenant, id) is { } tenantLimited)
        {
            return tenantLimited;
        }

        var emailHash = digests.Email(email);
        queue.Enqueue(new SelfServiceJob("[CSAAS-DELETE] deletion request", ct => mailer.SendAsync(id, emailHash, ct)));
        return TypedResults.Json(new DeleteRequestAccepted("accepted", ErasureMessages.Accepted), statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> ConfirmAsync(
        HttpContext context,
        string id,
        [FromServices] SelfServiceLimits limits,
        [FromServices] TenantEraser eraser,
        [FromServices] StripeCustomerDeleter stripe,
        [FromServices] CommunitySaasDigests digests,
        [FromServices] TimeProvider timeProvider,
        [FromServices] ILogger<TenantEraser> logger,
        CancellationToken cancellationToken)
    {
        if (!CommunitySaasTenantId.IsValid(id))
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, ErasureMessages.InvalidTenantId, ErrorReasons.InvalidRequest);
        }

        if (SelfServiceLimits.Refusal(context, limits.DeleteConfirmPerIp, ClientAddress.Of(context)) is { } limited)
        {
            return limited;
        }

        var body = await SmallJsonBody.ReadFieldAsync(context, "token", allowForm: false, cancellationToken);
        if (body.Error is { } error)
        {
            return error;
        }

        if (!SplitToken.TryParse(body.Value, out var token))
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, ErasureMessages.InvalidToken, ErrorReasons.InvalidToken);
        }

        var receipt = await eraser.EraseAsync(OrgId.Create(id), token, timeProvider.GetUtcNow(), cancellationToken);
        if (receipt is null)
        {
            Log.Refused(logger);
            return ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, ErasureMessages.InvalidToken, ErrorReasons.InvalidToken);
        }

        var rows = receipt.Scope.Values.Sum();
        Log.Erased(logger, receipt.LogId, rows);
        var stripeOutcome = await stripe.DeleteAsync(receipt.StripeCustomers);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new ErasureReceiptResponse(
            "erased",
            receipt.LogId,
            receipt.DeletedAt,
            Convert.ToHexStringLower(digests.ErasedSubject(id)),
            receipt.Scope,
            stripeOutcome));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7322, Level = LogLevel.Information, Message = "[CSAAS-DELETE] tenant erased (deletion_log {LogId}, {Rows} rows)")]
        public static partial void Erased(ILogger logger, long logId, long rows);

        [LoggerMessage(EventId = 7323, Level = LogLevel.Information, Message = "[CSAAS-DELETE] deletion confirmation refused (unknown, used, expired or wrong token)")]
        public static partial void Refused(ILogger logger);
    }
}
