namespace AxonFlow.Core.Licensing;

/// <summary>The full verdict for one validation context: a usable license, or a refusal with its reason and a one-line message.</summary>
public abstract record LicenseValidation
{
    private LicenseValidation()
    {
    }

    /// <param name="Payload">The verified claims.</param>
    /// <param name="InGrace">Past <c>expires_at</c> but inside this context's grace.</param>
    /// <param name="GraceEndsAt"><c>expires_at</c> plus the context's grace: the last moment this token validates.</param>
    public sealed record Valid(LicensePayload Payload, bool InGrace, DateTimeOffset GraceEndsAt) : LicenseValidation;

    /// <param name="Reason">The stable reason.</param>
    /// <param name="Message">Safe to print and log: never contains the token, only claims that are printable by construction.</param>
    public sealed record Invalid(LicenseRejection Reason, string Message) : LicenseValidation;
}
