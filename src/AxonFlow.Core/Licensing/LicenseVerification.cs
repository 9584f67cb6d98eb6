namespace AxonFlow.Core.Licensing;

/// <summary>The signature-level verdict: the signed payload, or why the token is not one (no context or time rules yet).</summary>
public abstract record LicenseVerification
{
    private LicenseVerification()
    {
    }

    public sealed record Verified(LicensePayload Payload) : LicenseVerification;

    public sealed record Failed(LicenseRejection Reason, string Message) : LicenseVerification;
}
