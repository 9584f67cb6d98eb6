namespace AxonFlow.Core.Licensing;

/// <summary>Where a license is meant to run: the hosting-mode segment of the License Matrix (the first part of <c>aud</c>).</summary>
public enum LicenseHostingMode
{
    /// <summary><c>axonflow.saas.*</c>: tokens presented to the AxonFlow-operated service (<c>X-License-Token</c>).</summary>
    Saas,

    /// <summary><c>axonflow.self_hosted.*</c>: deployment licenses loaded from <c>AXONFLOW_LICENSE_KEY</c>.</summary>
    SelfHosted,
}
