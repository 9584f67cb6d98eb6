using System.Diagnostics.CodeAnalysis;

namespace AxonFlow.Core.Licensing;

/// <summary>
/// One of the six canonical <c>aud</c> values of the License Matrix: a hosting mode crossed with a scope. Only these six
/// instances exist, so they compare by reference.
/// </summary>
public sealed class LicenseAudience
{
    private LicenseAudience(string value, LicenseHostingMode hostingMode, LicenseScope scope)
    {
        Value = value;
        HostingMode = hostingMode;
        Scope = scope;
    }

    public static LicenseAudience SaasPlugin { get; } = new("axonflow.saas.plugin", LicenseHostingMode.Saas, LicenseScope.Plugin);

    public static LicenseAudience SaasSdk { get; } = new("axonflow.saas.sdk", LicenseHostingMode.Saas, LicenseScope.Sdk);

    public static LicenseAudience SaasFull { get; } = new("axonflow.saas.full", LicenseHostingMode.Saas, LicenseScope.Full);

    public static LicenseAudience SelfHostedPlugin { get; } = new("axonflow.self_hosted.plugin", LicenseHostingMode.SelfHosted, LicenseScope.Plugin);

    public static LicenseAudience SelfHostedSdk { get; } = new("axonflow.self_hosted.sdk", LicenseHostingMode.SelfHosted, LicenseScope.Sdk);

    public static LicenseAudience SelfHostedFull { get; } = new("axonflow.self_hosted.full", LicenseHostingMode.SelfHosted, LicenseScope.Full);

    /// <summary>Tokens minted before the matrix existed carry no (or an empty) <c>aud</c>; they are existing self-hosted Enterprise licenses.</summary>
    public static LicenseAudience MissingFallback => SelfHostedFull;

    public static IReadOnlyList<LicenseAudience> All { get; } = [SaasPlugin, SaasSdk, SaasFull, SelfHostedPlugin, SelfHostedSdk, SelfHostedFull];

    /// <summary>The wire value, e.g. <c>axonflow.self_hosted.full</c>.</summary>
    public string Value { get; }

    public LicenseHostingMode HostingMode { get; }

    public LicenseScope Scope { get; }

    /// <summary>Exact, case-sensitive match against the six canonical values.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out LicenseAudience? audience)
    {
        audience = All.FirstOrDefault(a => string.Equals(a.Value, value, StringComparison.Ordinal));
        return audience is not null;
    }

    /// <summary>A <c>full</c> audience covers every request scope; a <c>plugin</c> or <c>sdk</c> audience only its own.</summary>
    public bool Covers(LicenseScope requestScope) => Scope == LicenseScope.Full || Scope == requestScope;

    public override string ToString() => Value;
}
