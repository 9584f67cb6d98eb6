namespace AxonFlow.Server.CommunitySaas.Registration;

/// <summary>201 of <c>POST /api/v1/register</c>. The secret appears here once and is never retrievable again.</summary>
internal sealed record RegistrationResponse(string TenantId, string Secret, string SecretPrefix, string ExpiresAt, string Endpoint, string Note)
{
    public const string StoreTheSecret =
        "Store the secret now: it is shown only once and cannot be retrieved. Authenticate every request with HTTP Basic auth, tenant_id as the username and secret as the password.";

    public override string ToString() => $"RegistrationResponse {{ TenantId = {TenantId}, SecretPrefix = {SecretPrefix}, ExpiresAt = {ExpiresAt} }}";
}
