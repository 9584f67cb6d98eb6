namespace AxonFlow.Core.Licensing;

/// <summary>Where a token is being validated. Each context has its own explicit accept list of <c>aud</c> values and expiry grace.</summary>
public enum LicenseValidationContext
{
    /// <summary>The deployment license loaded once at start-up from <c>AXONFLOW_LICENSE_KEY</c>.</summary>
    SelfHostedDeployment,

    /// <summary>An <c>X-License-Token</c> sent by a plugin to the SaaS / Community SaaS request path.</summary>
    SaasPlugin,

    /// <summary>An <c>X-License-Token</c> sent by an SDK to the SaaS request path.</summary>
    SaasSdk,
}

/// <summary>The accept lists and expiry rules per <see cref="LicenseValidationContext"/> (docs/licensing.md, "Accept lists").</summary>
public static class LicenseContexts
{
    /// <summary>A deployment keeps booting for a week after its license expires, so a renewal can be rolled out without an outage.</summary>
    public static readonly TimeSpan DeploymentExpiryGrace = TimeSpan.FromDays(7);

    /// <summary>Tolerated clock difference between the issuer and this host for <c>nbf</c> and <c>issued_at</c>.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static readonly LicenseAudience[] SelfHostedAcceptList =
        [LicenseAudience.SelfHostedPlugin, LicenseAudience.SelfHostedSdk, LicenseAudience.SelfHostedFull];

    private static readonly LicenseAudience[] SaasPluginAcceptList = [LicenseAudience.SaasPlugin, LicenseAudience.SaasFull];

    private static readonly LicenseAudience[] SaasSdkAcceptList = [LicenseAudience.SaasSdk, LicenseAudience.SaasFull];

    public static IReadOnlyList<LicenseAudience> AcceptList(this LicenseValidationContext context) => context switch
    {
        LicenseValidationContext.SelfHostedDeployment => SelfHostedAcceptList,
        LicenseValidationContext.SaasPlugin => SaasPluginAcceptList,
        LicenseValidationContext.SaasSdk => SaasSdkAcceptList,
        _ => throw new ArgumentOutOfRangeException(nameof(context), context, null),
    };

    public static bool Accepts(this LicenseValidationContext context, LicenseAudience audience) => context.AcceptList().Contains(audience);

    /// <summary>How long after <c>expires_at</c> a token still validates: a week for the deployment loader, none on the SaaS token paths.</summary>
    public static TimeSpan ExpiryGrace(this LicenseValidationContext context) =>
        context == LicenseValidationContext.SelfHostedDeployment ? DeploymentExpiryGrace : TimeSpan.Zero;

    public static string Describe(this LicenseValidationContext context) => context switch
    {
        LicenseValidationContext.SelfHostedDeployment => "the self-hosted deployment loader",
        LicenseValidationContext.SaasPlugin => "the SaaS plugin path",
        LicenseValidationContext.SaasSdk => "the SaaS SDK path",
        _ => throw new ArgumentOutOfRangeException(nameof(context), context, null),
    };
}
