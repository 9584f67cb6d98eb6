using AxonFlow.Core.Licensing;

namespace AxonFlow.Core.Clients;

/// <summary>
/// What a request's <c>X-Axonflow-Client: &lt;client-id&gt;/&lt;version&gt;</c> header says about the caller's software. A
/// malformed header counts as absent (full scope, no name) but keeps <see cref="HeaderPresent"/>, so it is told apart.
/// </summary>
public sealed record ClientIdentification(string? ClientName, ClientVersion? Version, LicenseScope Scope, bool HeaderPresent)
{
    /// <summary>Telemetry label of a request without the header.</summary>
    public const string NoneLabel = "none";

    /// <summary>Telemetry label of a header that did not parse.</summary>
    public const string MalformedLabel = "malformed";

    /// <summary>Telemetry label of a well-formed but unlisted client.</summary>
    public const string OtherLabel = "other";

    public static ClientIdentification Absent { get; } = new(null, null, LicenseScope.Full, HeaderPresent: false);

    public static ClientIdentification Malformed { get; } = new(null, null, LicenseScope.Full, HeaderPresent: true);

    public bool IsMalformed => HeaderPresent && ClientName is null;

    /// <summary>True when a client name and version were read; false for an absent or malformed header.</summary>
    public bool IsIdentified => ClientName is not null;

    /// <summary>The canonical <c>name/version</c> the audit trail records; null when absent or malformed.</summary>
    public string? HeaderValue => ClientName is null ? null : $"{ClientName}/{Version}";

    /// <summary>A label of bounded cardinality: a known id, <c>other</c>, <c>none</c> or <c>malformed</c>.</summary>
    public string TelemetryLabel => ClientName switch
    {
        null => HeaderPresent ? MalformedLabel : NoneLabel,
        var name when KnownClients.IsKnown(name) => name,
        _ => OtherLabel,
    };
}
