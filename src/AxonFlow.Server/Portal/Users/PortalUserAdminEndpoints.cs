using AxonFlow.Core.Credentials;
using AxonFlow.Core.Identity;
using AxonFlow.Core.Portal;
using AxonFlow.Postgres.Portal;
using AxonFlow.Server.Errors;

namespace AxonFlow.Server.Portal.Users;

/// <summary>
/// <c>POST /organizations/{org_id}/portal-users</c>, for the admin API's group (which supplies the <c>X-Admin-API-Key</c>
/// check): creates a portal login for an existing organization. Without a <c>password</c> in the body one is generated
/// and returned once; either way only its Argon2id hash is stored.
/// </summary>
internal static class PortalUserAdminEndpoints
{
    public static RouteGroupBuilder MapPortalUserAdminEndpoints(this RouteGroupBuilder admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        admin.MapPost("/organizations/{orgId}/portal-users", CreateAsync).WithSummary("Create a portal login; a generated password is shown once")
            .Produces<CreatedPortalUser>(StatusCodes.Status201Created).Produces<ApiError>(StatusCodes.Status404NotFound).Produces<ApiError>(StatusCodes.Status409Conflict);
        return admin;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, string orgId, CreatePortalUserRequest? request, PortalUserStore users, PasswordHasher passwords, CancellationToken cancellationToken)
    {
        if (!OrgId.TryCreate(orgId, out var org))
        {
            return Invalid(context, "org_id must be 1-128 characters of letters, digits, '.', '_', ':', '@' or '-'");
        }

        if (!LoginEmail.TryCreate(request?.Email, out var email, out var emailProblem))
        {
            return Invalid(context, $"email {emailProblem}");
        }

        PortalRole? role = PortalRole.Member;
        if (request!.Role is not null && !PortalRoleNames.TryParse(request.Role, out role))
        {
            return Invalid(context, $"role must be {PortalRoleNames.AllowedValues}, but was '{request.Role}'");
        }

        if (request.Password is not null && PasswordRules.Problem(request.Password) is { } passwordProblem)
        {
            return Invalid(context, $"password {passwordProblem}");
        }

        if (request.DisplayName is { Length: > 256 })
        {
            return Invalid(context, "display_name must be at most 256 characters");
        }

        var generated = request.Password is null ? SecretGenerator.NewPassword() : null;
        var draft = new PortalUserDraft
        {
            Email = email.Value,
            DisplayName = request.DisplayName?.Trim() ?? string.Empty,
            Role = role,
            PasswordHash = passwords.Hash(generated ?? request.Password!),
        };
        return await users.CreateAsync(org.Value, draft, cancellationToken) switch
        {
            PortalUserWrite.Written written => TypedResults.Created(
                $"/api/v1/admin/organizations/{org.Value}/portal-users/{written.User.Id}",
                new CreatedPortalUser(written.User.Id, org.Value.Value, written.User.Email, written.User.DisplayName, written.User.Role.ToWire(), written.User.Active, written.User.CreatedAt, generated)),
            PortalUserWrite.OrganizationMissing => ApiErrorWriter.Result(context, StatusCodes.Status404NotFound, $"Organization '{org.Value}' not found", ErrorReasons.NotFound),
            _ => ApiErrorWriter.Result(context, StatusCodes.Status409Conflict, "A portal user with this email already exists (logins are unique across the deployment)", ErrorReasons.Conflict),
        };
    }

    private static IResult Invalid(HttpContext context, string message) =>
        ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, message, ErrorReasons.InvalidRequest);
}

/// <summary>The body of <c>POST /api/v1/admin/organizations/{org_id}/portal-users</c>.</summary>
internal sealed record CreatePortalUserRequest(string? Email, string? Role, string? DisplayName, string? Password)
{
    public override string ToString() => $"CreatePortalUserRequest {{ Email = {Email}, Role = {Role} }}";
}

/// <summary>The created user; <c>password</c> is set only when it was generated, and only in this answer.</summary>
internal sealed record CreatedPortalUser(Guid Id, string OrgId, string Email, string DisplayName, string Role, bool Active, DateTimeOffset CreatedAt, string? Password)
{
    public override string ToString() => $"CreatedPortalUser {{ Id = {Id}, OrgId = {OrgId}, Email = {Email} }}";
}
