namespace AxonFlow.Core.Identity;

/// <summary>Who is calling, as resolved from the credentials presented; never from caller-supplied identity headers.</summary>
/// <param name="Org">The organization whose rows the request may touch.</param>
/// <param name="Client">The credential or app identity (Basic-auth username).</param>
/// <param name="Mode">The deployment mode that resolved it.</param>
/// <param name="Authentication">How the caller proved the identity.</param>
public sealed record CallerIdentity(OrgId Org, ClientId Client, DeploymentMode Mode, CallerAuthentication Authentication);

/// <summary>How a caller's identity was established.</summary>
public enum CallerAuthentication
{
    /// <summary>Community mode without a registered credential: the client id is a label.</summary>
    Unverified,

    /// <summary>A client secret matched a stored credential.</summary>
    Credential,

    /// <summary>Enterprise mode: the secret was the deployment license key (seed 003); the client id is the Basic username.</summary>
    LicenseKey,

    /// <summary>A customer-portal user's session cookie (<c>axonflow_session</c>).</summary>
    PortalSession,
}

public static class CallerAuthenticationNames
{
    /// <summary>How the identity endpoint and the auth metrics name it.</summary>
    public static string ToWireName(this CallerAuthentication authentication) => authentication switch
    {
        CallerAuthentication.Credential => "credential",
        CallerAuthentication.LicenseKey => "license_key",
        CallerAuthentication.PortalSession => "portal_session",
        _ => "unverified",
    };
}
