namespace AxonFlow.Server.Errors;

/// <summary>
/// The error body every SDK can parse: <c>error</c> is the human-readable message the SDKs surface (Python and TS read
/// <c>body.error</c>), <c>reason</c> the stable machine code (seed 002: <c>invalid_license_token</c>, <c>scope_mismatch</c>, …).
/// </summary>
public sealed record ApiError(string Error, string Reason)
{
    public string? RequestId { get; init; }
}
