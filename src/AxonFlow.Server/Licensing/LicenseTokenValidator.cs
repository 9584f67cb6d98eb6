using AxonFlow.Core.Identity;
using AxonFlow.Core.Licensing;
using AxonFlow.Server.Errors;

namespace AxonFlow.Server.Licensing;

/// <summary>
/// Validates the <c>X-License-Token</c> a plugin or SDK sends, in the order of seed 002: signature, format and expiry
/// (401 <c>invalid_license_token</c>); <c>aud</c> in the path's accept list (401 <c>cross_quadrant_token</c>); the
/// token's scope covers the request's scope from <c>X-Axonflow-Client</c> (401 <c>scope_mismatch</c>); bound to the
/// client that authenticated (403 <c>tenant_mismatch</c>); not revoked (401 <c>license_revoked</c>, checked on every call).
/// Tokens are verified with the plugin keys (<c>AXONFLOW_PLUGIN_CLAIMED_*</c>), never with the deployment license keys.
/// </summary>
public sealed class LicenseTokenValidator(PluginTokenKeys keys, IEnumerable<ILicenseRevocationCheck> revocationChecks, TimeProvider timeProvider)
{
    public const string HeaderName = "X-License-Token";

    private readonly LicenseValidator _validator = new(keys.Keyring, timeProvider);
    private readonly ILicenseRevocationCheck[] _revocationChecks = [.. revocationChecks];

    /// <summary>Reads the header from the request; more than one value is refused rather than guessed between.</summary>
    public Task<LicenseTokenOutcome> ValidateAsync(
        HttpRequest request,
        LicenseScope requestScope,
        ClientId authenticatedClient,
        LicenseValidationContext context,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = request.Headers[HeaderName];
        if (values.Count > 1)
        {
            return Task.FromResult<LicenseTokenOutcome>(Invalid("send one X-License-Token header"));
        }

        return ValidateAsync(values.Count == 0 ? null : values[0], requestScope, authenticatedClient, context, cancellationToken);
    }

    /// <param name="token">The header value; null or blank means none was sent.</param>
    /// <param name="requestScope">The scope the request's <c>X-Axonflow-Client</c> maps to (full when absent).</param>
    /// <param name="authenticatedClient">The client id Basic auth resolved; a plugin token must be bound to it.</param>
    /// <param name="context">Which accept list applies: <see cref="LicenseValidationContext.SaasPlugin"/> on the Community SaaS path.</param>
    /// <param name="cancellationToken">Cancels the revocation lookup.</param>
    public async Task<LicenseTokenOutcome> ValidateAsync(
        string? token,
        LicenseScope requestScope,
        ClientId authenticatedClient,
        LicenseValidationContext context,
        CancellationToken cancellationToken)
    {
        if (context == LicenseValidationContext.SelfHostedDeployment)
        {
            throw new ArgumentOutOfRangeException(nameof(context), context, "X-License-Token is validated on a SaaS path; deployment licenses are loaded at start-up.");
        }

        if (string.IsNullOrWhiteSpace(token))
        {
            return new LicenseTokenOutcome.Absent();
        }

        var validation = _validator.Validate(token.Trim(), context);
        if (validation is LicenseValidation.Invalid invalid)
        {
            return invalid.Reason == LicenseRejection.CrossQuadrant
                ? new LicenseTokenOutcome.Rejected(StatusCodes.Status401Unauthorized, $"License token is not valid on this path: {invalid.Message}", ErrorReasons.CrossQuadrantToken)
                : Invalid(invalid.Message);
        }

        var payload = ((LicenseValidation.Valid)validation).Payload;
        if (payload.Jti is null)
        {
            return Invalid("it has no jti, so it could not be revoked");
        }

        if (!payload.HasScope(requestScope))
        {
            return new LicenseTokenOutcome.Rejected(
                StatusCodes.Status401Unauthorized,
                $"License token scope '{ScopeName(payload.EffectiveAudience.Scope)}' does not cover this client's scope '{ScopeName(requestScope)}' (from X-Axonflow-Client)",
                ErrorReasons.ScopeMismatch);
        }

        if (payload.TenantId != authenticatedClient)
        {
            var error = payload.TenantId is null
                ? "License token is not bound to a client"
                : "License token is bound to a different client than the one that authenticated";
            return new LicenseTokenOutcome.Rejected(StatusCodes.Status403Forbidden, error, ErrorReasons.TenantMismatch);
        }

        foreach (var check in _revocationChecks)
        {
            if (await check.IsRevokedAsync(payload, cancellationToken))
            {
                return new LicenseTokenOutcome.Rejected(StatusCodes.Status401Unauthorized, "License token has been revoked", ErrorReasons.LicenseRevoked);
            }
        }

        return new LicenseTokenOutcome.Accepted(payload);
    }

    private static LicenseTokenOutcome.Rejected Invalid(string message) =>
        new(StatusCodes.Status401Unauthorized, $"Invalid license token: {message}", ErrorReasons.InvalidLicenseToken);

    private static string ScopeName(LicenseScope scope) => scope switch
    {
        LicenseScope.Plugin => "plugin",
        LicenseScope.Sdk => "sdk",
        _ => "full",
    };
}
