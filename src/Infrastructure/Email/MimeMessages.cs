using MimeKit;

namespace CleanAuth.Infrastructure.Email;

/// <summary>Turns an outbox entry into the MIME message both senders send.</summary>
public static class MimeMessages
{
    /// <summary>
    /// multipart/alternative with the plain text first and the HTML last (the part a client prefers). The
    /// Message-ID comes from the outbox entry, so the rare second delivery after a lost claim is recognisable.
    /// </summary>
    public static MimeMessage Create(OutboxEntry entry, MailboxAddress from)
    {
        var message = entry.Message;
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            MessageId = $"{entry.Id}@{DomainOf(from)}",
            Date = entry.EnqueuedAt,
        };
        mime.From.Add(from);
        mime.To.Add(new MailboxAddress(message.ToName is { Length: > 0 } name ? name : null, message.ToAddress));
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        mime.Headers.Add("X-CleanAuth-Kind", message.Kind);
        return mime;
    }

    private static string DomainOf(MailboxAddress from) => from.Domain is { Length: > 0 } domain ? domain : "cleanauth";
}
