using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AxonFlow.Postgres.Audit;
using AxonFlow.Server.Auth;
using AxonFlow.Server.Errors;
using AxonFlow.Server.Governance;
using Microsoft.AspNetCore.Http.Json;
using FromQueryAttribute = Microsoft.AspNetCore.Mvc.FromQueryAttribute;
using Microsoft.Extensions.Options;

namespace AxonFlow.Server.Audit;

/// <summary>The audit trail's API: search, per-client listing, tool-call records and a streamed export, all org-scoped.</summary>
internal static class AuditEndpoints
{
    public static IServiceCollection AddAuditTrail(this IServiceCollection services)
    {
        services.AddSingleton(new AuditWriterOptions());
        services.AddSingleton<AuditWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditWriter>());
        services.AddSingleton<AuditStore>();
        return services;
    }

    public static void MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/audit").WithTags("Audit").RequireCallerIdentity();
        group.MapAuditReadRoutes();
        group.MapPost("/tool-call", ToolCallAsync);
    }

    /// <summary>Search, per-client listing and export, on a group whose authentication provides the caller identity.</summary>
    public static RouteGroupBuilder MapAuditReadRoutes(this RouteGroupBuilder group)
    {
        group.MapPost("/search", SearchAsync);
        group.MapGet("/tenant/{clientId}", ByClientAsync);
        group.MapGet("/export", ExportAsync);
        return group;
    }

    private static async Task<IResult> SearchAsync(HttpContext context, AuditSearchRequest? request, AuditStore store, CancellationToken cancellationToken)
    {
        request ??= new AuditSearchRequest(null, null, null, null, null, null, null, null, null, null, null);
        if (!AuditQueryValidation.TryCreate(
                request.ClientId ?? request.TenantId, request.UserId ?? request.User ?? request.UserEmail, request.RequestType, request.Decision,
                request.StartTime, request.EndTime, request.Limit, request.Offset, out var query, out var error))
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, error!, ErrorReasons.InvalidRequest);
        }

        var (entries, total) = await store.SearchAsync(context.GetCallerIdentity().Org, query, cancellationToken);
        return TypedResults.Ok(new AuditSearchResponse(entries, total, query.Limit, query.Offset));
    }

    private static async Task<IResult> ByClientAsync(HttpContext context, string clientId, int? limit, int? offset, AuditStore store, CancellationToken cancellationToken)
    {
        if (!AuditQueryValidation.TryCreate(clientId, null, null, null, null, null, limit, offset, out var query, out var error))
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, error!, ErrorReasons.InvalidRequest);
        }

        var (entries, total) = await store.SearchAsync(context.GetCallerIdentity().Org, query, cancellationToken);
        return TypedResults.Ok(new AuditSearchResponse(entries, total, query.Limit, query.Offset));
    }

    private static async Task<IResult> ToolCallAsync(HttpContext context, ToolCallRequest? request, AuditWriter writer, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request?.ToolName))
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, "tool_name is required", ErrorReasons.InvalidRequest);
        }

        var identity = context.GetCallerIdentity();
        var failed = request.Success == false || request.Error is not null;

        // Tool inputs and outputs can carry anything; the trail keeps their size and a fingerprint, not their content.
        var details = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["tool_name"] = request.ToolName.Trim(),
            ["tool_type"] = request.ToolType,
            ["success"] = !failed,
            ["input_sha256"] = Fingerprint(request.Input),
            ["output_sha256"] = Fingerprint(request.Output),
        });
        var record = new AuditRecord
        {
            AuditId = Guid.CreateVersion7(),
            Org = identity.Org,
            Client = identity.Client,
            RequestId = request.RequestId ?? context.TraceIdentifier,
            Timestamp = timeProvider.GetUtcNow(),
            RequestType = "tool_call",
            Decision = failed ? "error" : "allowed",
            UserId = request.UserId,
            LatencyMs = request.LatencyMs ?? 0,
            ErrorMessage = request.Error,
            ClientHeader = GovernanceMapping.ClientHeader(context),
            Details = details,
        };
        await writer.WriteAsync(record, cancellationToken);
        return TypedResults.Ok(new AuditWriteResponse(true, record.AuditId));
    }

    private static async Task ExportAsync(HttpContext context, string? format, [FromQuery(Name = "start_time")] DateTimeOffset? startTime, [FromQuery(Name = "end_time")] DateTimeOffset? endTime, [FromQuery(Name = "client_id")] string? clientId, AuditStore store, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        if (!csv && format is not null && !string.Equals(format, "jsonl", StringComparison.OrdinalIgnoreCase))
        {
            await ApiErrorWriter.WriteAsync(context, StatusCodes.Status400BadRequest, $"format must be jsonl or csv, but was '{format}'", ErrorReasons.InvalidRequest);
            return;
        }

        if (!AuditQueryValidation.TryCreate(clientId, null, null, null, startTime, endTime, null, null, out var query, out var error))
        {
            await ApiErrorWriter.WriteAsync(context, StatusCodes.Status400BadRequest, error!, ErrorReasons.InvalidRequest);
            return;
        }

        context.Response.ContentType = csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"axonflow-audit.{(csv ? "csv" : "jsonl")}\"";
        if (csv)
        {
            await context.Response.WriteAsync(AuditExportWriter.CsvHeader + "\r\n", cancellationToken);
        }

        await store.ExportAsync(
            context.GetCallerIdentity().Org,
            query,
            (entry, token) => context.Response.WriteAsync(csv ? AuditExportWriter.CsvLine(entry) : AuditExportWriter.JsonLine(entry, json.Value.SerializerOptions), token),
            cancellationToken);
    }

    private static string? Fingerprint(JsonElement? value) =>
        value is null || value.Value.ValueKind == JsonValueKind.Undefined
            ? null
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value.Value.GetRawText())));
}
