using AxonFlow.Core.Identity;
using AxonFlow.Server.Errors;

namespace AxonFlow.Server.Admin;

/// <summary>The admin surface's error answers, in the SDK error shape.</summary>
internal static class AdminResults
{
    public static IResult Invalid(HttpContext context, string message) =>
        ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, message, ErrorReasons.InvalidRequest);

    public static IResult OrganizationNotFound(HttpContext context) =>
        ApiErrorWriter.Result(context, StatusCodes.Status404NotFound, AdminMessages.OrganizationNotFound, ErrorReasons.NotFound);

    public static IResult CredentialNotFound(HttpContext context) =>
        ApiErrorWriter.Result(context, StatusCodes.Status404NotFound, AdminMessages.CredentialNotFound, ErrorReasons.NotFound);

    public static IResult Conflict(HttpContext context, string message) =>
        ApiErrorWriter.Result(context, StatusCodes.Status409Conflict, message, ErrorReasons.Conflict);

    public static bool TryOrg(HttpContext context, string value, out OrgId org, out IResult? error)
    {
        if (OrgId.TryCreate(value, out var parsed))
        {
            org = parsed.Value;
            error = null;
            return true;
        }

        org = default;
        error = Invalid(context, $"org_id must be {IdentifierDescription}");
        return false;
    }

    public static bool TryClient(HttpContext context, string value, out ClientId client, out IResult? error)
    {
        if (ClientId.TryCreate(value, out var parsed))
        {
            client = parsed.Value;
            error = null;
            return true;
        }

        client = default;
        error = Invalid(context, $"client_id must be {IdentifierDescription}");
        return false;
    }

    private const string IdentifierDescription = "1-128 characters of letters, digits, '.', '_', ':', '@' or '-'";
}
