using System.Net.Sockets;
using AxonFlow.Postgres.Email;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace AxonFlow.Server.Email;

/// <summary>
/// Sends through an SMTP relay with MailKit, one connection per message. A 5xx reply to the sender, a recipient or the
/// message is permanent; anything else (refused connection, 4xx, TLS or AUTH trouble, a timeout) is worth a retry.
/// With <see cref="SmtpSecurity.StartTls"/> a relay that does not offer STARTTLS is refused, never used in clear.
/// </summary>
internal sealed class SmtpEmailTransport(SmtpOptions options, MailboxAddress from, TimeProvider timeProvider) : IEmailTransport
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public string Name => "smtp";

    public async Task<DeliveryOutcome> SendAsync(ClaimedEmail message, CancellationToken cancellationToken)
    {
        MimeMessage mime;
        try
        {
            mime = OutboxMimeMessage.Create(message, from, timeProvider.GetUtcNow());
        }
        catch (ParseException)
        {
            return new DeliveryOutcome.Permanent("smtp: the recipient is not a valid address");
        }

        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(options.Host, options.Port, SocketOptions(options.Security), cancellationToken);
            if (options.Username is not null)
            {
                await client.AuthenticateAsync(options.Username, options.Password ?? string.Empty, cancellationToken);
            }

            await client.SendAsync(mime, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return new DeliveryOutcome.Delivered(mime.MessageId);
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500 && ex.ErrorCode != SmtpErrorCode.UnexpectedStatusCode)
        {
            return new DeliveryOutcome.Permanent($"smtp: {(int)ex.StatusCode} {ex.ErrorCode}");
        }
        catch (SmtpCommandException ex)
        {
            return new DeliveryOutcome.Transient($"smtp: {(int)ex.StatusCode} {ex.ErrorCode}");
        }
        catch (AuthenticationException)
        {
            return new DeliveryOutcome.Transient("smtp: authentication failed (check SMTP_USERNAME and SMTP_PASSWORD)");
        }
        catch (SocketException ex)
        {
            return new DeliveryOutcome.Transient($"smtp: cannot connect ({ex.SocketErrorCode})");
        }
        catch (SslHandshakeException)
        {
            return new DeliveryOutcome.Transient("smtp: TLS handshake failed");
        }
        catch (NotSupportedException)
        {
            return new DeliveryOutcome.Transient("smtp: the relay does not offer STARTTLS (SMTP_SECURITY=starttls requires it)");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryOutcome.Transient("smtp: timed out");
        }
        catch (Exception ex) when (ex is SmtpProtocolException or ServiceNotConnectedException or IOException or TimeoutException)
        {
            return new DeliveryOutcome.Transient($"smtp: connection failed ({ex.GetType().Name})");
        }
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTls,
    };
}
