using AxonFlow.Postgres.Email;
using MimeKit;

namespace AxonFlow.Server.Email;

/// <summary>
/// The MIME form of a claimed message: one To (never a Bcc or a Cc), a Message-Id derived from the outbox id (so a retry
/// of one message carries the same id and a relay or recipient can de-duplicate it), and the Date of the attempt.
/// </summary>
internal static class OutboxMimeMessage
{
    public static MimeMessage Create(ClaimedEmail message, MailboxAddress defaultFrom, DateTimeOffset now)
    {
        var from = message.Sender is not null && MailboxAddress.TryParse(message.Sender, out var sender) ? sender : defaultFrom;
        var mime = new MimeMessage();
        mime.From.Add(from);
        mime.To.Add(MailboxAddress.Parse(message.Recipient));
        mime.Subject = message.Subject;
        mime.Date = now;
        mime.MessageId = MessageIdOf(message.Id, from);
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        mime.Body = new BodyBuilder { TextBody = message.TextBody ?? string.Empty, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }

    /// <summary>The Message-Id (without angle brackets) of an outbox message sent from <paramref name="from"/>.</summary>
    public static string MessageIdOf(Guid id, MailboxAddress from) => $"{id:N}@{FromDomain(from)}";

    private static string FromDomain(MailboxAddress from) => from.Domain is { Length: > 0 } domain ? domain : "axonflow.invalid";
}
