using System.Text.Json;
using System.Text.Json.Serialization;
using AxonFlow.Core.Licensing;
using AxonFlow.Postgres.Billing;

namespace AxonFlow.Server.Billing;

/// <summary>
/// The 200 answer to a delivery. Stripe only needs the status code; the body says what happened, and for a fulfilled
/// session carries the stored token — byte-identical on every retry (it is bound to the tenant, useless without its secret).
/// </summary>
internal sealed record StripeWebhookResponse(string Status)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public bool Received { get; init; } = true;

    public string? Detail { get; init; }

    public string? TenantId { get; init; }

    public string? Jti { get; init; }

    public string? LicenseToken { get; init; }

    public string? IssuedAt { get; init; }

    public string? ExpiresAt { get; init; }

    public string? RevokedAt { get; init; }

    public int? Revoked { get; init; }

    public static IResult Ignored(string detail) => new StripeWebhookResponse("ignored") { Detail = detail }.ToResult();

    public static IResult ForLicense(string status, string tenantId, StoredLicense license) => new StripeWebhookResponse(status)
    {
        TenantId = tenantId,
        Jti = license.Jti,
        LicenseToken = license.Token,
        IssuedAt = LicenseDates.Format(license.IssuedAt),
        ExpiresAt = LicenseDates.Format(license.ExpiresAt),
        RevokedAt = license.RevokedAt is { } revoked ? LicenseDates.Format(revoked) : null,
    }.ToResult();

    public IResult ToResult() => TypedResults.Json(this, Json);
}
