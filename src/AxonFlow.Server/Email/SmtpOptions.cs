namespace AxonFlow.Server.Email;

/// <summary>The SMTP relay (<c>SMTP_*</c>). <see cref="Password"/> is never logged or printed.</summary>
public sealed record SmtpOptions(string Host, int Port, SmtpSecurity Security, string? Username, string? Password)
{
    public override string ToString() => $"SmtpOptions {{ Host = {Host}, Port = {Port}, Security = {Security}, Auth = {Username is not null} }}";
}
