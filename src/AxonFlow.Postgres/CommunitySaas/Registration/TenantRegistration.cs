namespace AxonFlow.Postgres.CommunitySaas.Registration;

/// <summary>
/// What a registrant asked for: a label (may be empty) and, when they opted into recovery, the email and its keyed
/// digest (<c>CommunitySaasDigests.Email</c>). The address is kept only because giving it is the opt-in.
/// </summary>
public sealed record TenantRegistration(string Label, string? Email, byte[]? EmailHash)
{
    public override string ToString() => $"TenantRegistration {{ Label = {Label}, WithEmail = {Email is not null} }}";
}
