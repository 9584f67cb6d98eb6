using System.Text.Json;
using AxonFlow.Server.Auth;
using AxonFlow.Server.Errors;

namespace AxonFlow.Server.Governance;

/// <summary>
/// Standalone policy checks for external orchestrators and MCP servers. <c>policies_evaluated</c> is an integer here, and a
/// block is an HTTP 403 with the normal body (the SDKs treat it as an answer, not an error).
/// </summary>
internal static class McpEndpoints
{
    /// <summary>Rows and bytes a single tool answer may return before it counts as exfiltration.</summary>
    public const int RowLimit = 10_000;

    public const int ByteLimit = 10 * 1024 * 1024;

    public static void MapMcpEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/mcp").WithTags("MCP").RequireCallerIdentity();
        group.MapPost("/check-input", (HttpContext c, McpInputBody? b, GovernanceService g, CancellationToken t) => CheckInputAsync(c, b, g, "mcp-check-input", t));
        group.MapPost("/evaluate-policies", (HttpContext c, McpInputBody? b, GovernanceService g, CancellationToken t) => CheckInputAsync(c, b, g, "mcp-evaluate", t));
        group.MapPost("/check-output", CheckOutputAsync);
    }

    private static async Task<IResult> CheckInputAsync(HttpContext context, McpInputBody? body, GovernanceService governance, string requestType, CancellationToken cancellationToken)
    {
        var statement = body?.Statement ?? body?.Query;
        if (statement is null)
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, "statement is required", ErrorReasons.InvalidRequest);
        }

        var request = Request(context, requestType, statement, body!.ConnectorType, body.Operation ?? body.Tool);
        var outcome = await governance.CheckAsync(request, null, cancellationToken);
        var evaluation = outcome.Input;
        var response = new McpInputResponse(
            !evaluation.IsBlocked,
            evaluation.BlockReason,
            outcome.PoliciesEvaluated,
            PolicyInfo(outcome.PoliciesEvaluated, evaluation, outcome.Elapsed),
            evaluation.RedactedText is not null,
            evaluation.RedactedText,
            outcome.AuditId);
        return TypedResults.Json(response, statusCode: evaluation.IsBlocked ? StatusCodes.Status403Forbidden : StatusCodes.Status200OK);
    }

    private static async Task<IResult> CheckOutputAsync(HttpContext context, McpOutputBody? body, GovernanceService governance, CancellationToken cancellationToken)
    {
        if (body is null || (body.ResponseData is null && body.Message is null))
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, "response_data or message is required", ErrorReasons.InvalidRequest);
        }

        var text = body.ResponseData is { } data
            ? data.ValueKind == JsonValueKind.String ? data.GetString()! : data.GetRawText()
            : body.Message!;
        var rows = body.RowCount ?? (body.ResponseData is { ValueKind: JsonValueKind.Array } array ? array.GetArrayLength() : 0);
        var bytes = System.Text.Encoding.UTF8.GetByteCount(text);
        var within = rows <= RowLimit && bytes <= ByteLimit;

        var request = Request(context, "mcp-check-output", string.Empty, body.ConnectorType, null);
        var limitReason = within ? null : $"Response exceeds the exfiltration limits ({rows} rows / {bytes} bytes; limits {RowLimit} rows / {ByteLimit} bytes)";
        var (evaluation, _, elapsed, evaluated) = await governance.CheckOutputAsync(request, text, limitReason, cancellationToken);
        var blocked = evaluation.IsBlocked || !within;
        var reason = evaluation.BlockReason ?? limitReason;
        var response = new McpOutputResponse(
            !blocked,
            reason,
            evaluation.RedactedText,
            evaluated,
            PolicyInfo(evaluated, evaluation, elapsed) with { Blocked = blocked, BlockReason = reason },
            new McpExfiltrationInfo(rows, RowLimit, bytes, ByteLimit, within));
        return TypedResults.Json(response, statusCode: blocked ? StatusCodes.Status403Forbidden : StatusCodes.Status200OK);
    }

    private static GovernedRequest Request(HttpContext context, string requestType, string statement, string? connector, string? operation)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (connector is not null)
        {
            values["connector"] = connector;
        }

        if (operation is not null)
        {
            values["operation"] = operation;
        }

        return new GovernedRequest
        {
            Identity = context.GetCallerIdentity(),
            RequestId = context.TraceIdentifier,
            Query = statement,
            RequestType = requestType,
            Context = values,
            ClientHeader = GovernanceMapping.ClientHeader(context),
        };
    }

    private static McpPolicyInfo PolicyInfo(int evaluated, Core.Policies.PolicyEvaluation evaluation, TimeSpan elapsed) => new(
        evaluated,
        evaluation.IsBlocked,
        evaluation.BlockReason,
        evaluation.Hits.Count(h => h.Action == Core.Policies.PolicyAction.Redact),
        (long)elapsed.TotalMilliseconds,
        GovernanceMapping.Matched(evaluation.Hits));
}
