namespace AxonFlow.Server.Portal.Login;

/// <summary><c>POST /api/v1/auth/login</c>. <c>org_id</c> is optional; when given it must be the account's org.</summary>
internal sealed record LoginRequest(string? Email, string? Password, string? OrgId)
{
    public override string ToString() => $"LoginRequest {{ Email = {Email}, OrgId = {OrgId} }}";
}
