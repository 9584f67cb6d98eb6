namespace AxonFlow.Server.Email;

/// <summary>How the SMTP connection is protected (<c>SMTP_SECURITY</c>).</summary>
public enum SmtpSecurity
{
    /// <summary>Plain connect, then STARTTLS, which is required: a server that does not offer it is an error (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte, "implicit TLS" (port 465).</summary>
    Tls,

    /// <summary>No TLS at all (port 25, or a relay on localhost); with a username this is refused in production unless allowed.</summary>
    None,
}
