namespace AxonFlow.Server.Portal.Login;

/// <summary>The signed-in user as the portal shows it.</summary>
internal sealed record PortalUserView(Guid Id, string Email, string DisplayName, string Role);

internal sealed record PortalOrgView(string Id, string Name);

internal sealed record PortalSessionView(DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset IdleExpiresAt, int IdleTimeoutSeconds);

/// <summary>
/// The login answer. <c>session_id</c> is the cookie value, returned for non-browser clients that send it back as
/// <c>Cookie: axonflow_session=…</c> (the SDKs' portal calls); browsers rely on the HttpOnly cookie. The flat
/// <c>org_id</c>, <c>email</c>, <c>name</c>, <c>expires_at</c> fields are the SDK contract; <c>user</c>/<c>org</c>/<c>session</c> the portal's.
/// </summary>
internal sealed record LoginResponse(string SessionId, string OrgId, string Email, string Name, DateTimeOffset ExpiresAt, PortalUserView User, PortalOrgView Org, PortalSessionView Session)
{
    public override string ToString() => $"LoginResponse {{ OrgId = {OrgId}, Email = {Email} }}";
}

/// <summary><c>GET /api/v1/auth/me</c>.</summary>
internal sealed record MeResponse(PortalUserView User, PortalOrgView Org, PortalSessionView Session);
