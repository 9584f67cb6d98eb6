namespace AxonFlow.Server.Email;

/// <summary>Where queued messages go (<c>AXONFLOW_EMAIL_TRANSPORT</c>).</summary>
public enum EmailTransportKind
{
    /// <summary>No transport: messages stay in <c>email_outbox</c> and a log line says one is waiting.</summary>
    Log,
    Smtp,
    Resend,
}
