namespace AxonFlow.Server.CommunitySaas.Registration;

/// <summary>
/// <c>POST /api/v1/register</c> body after validation: the label (empty when none was given) and the normalised email
/// when the registrant opted into recovery.
/// </summary>
internal sealed record RegistrationRequest(string Label, string? Email)
{
    public const int MaxBodyBytes = 1024;

    public const int MaxLabelLength = 255;

    public override string ToString() => $"RegistrationRequest {{ Label = {Label}, WithEmail = {Email is not null} }}";
}
