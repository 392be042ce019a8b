using System.Text.RegularExpressions;
using MailKit.Net.Smtp;
using MimeKit;

namespace CleanAuth.Infrastructure.Email;

/// <summary>How the sender reads a failed send (ADR 0039): whether a retry can mend it, and what of it may be kept.</summary>
public static partial class DeliveryFailures
{
    /// <summary>
    /// Failures a retry cannot mend: the server refused for good (5xx: no such mailbox, message rejected), the stored
    /// address does not parse, or the message needs an extension the server lacks (SMTPUTF8).
    /// </summary>
    public static bool IsPermanent(Exception ex) =>
        ex is SmtpCommandException { StatusCode: >= (SmtpStatusCode)500 } or ParseException or NotSupportedException;

    // Kept with the entry for an operator: the kind of failure and the server's words with any address taken out
    // (a 5xx to RCPT repeats the recipient), never the message.
    public static string Describe(Exception ex, OutboxEntry entry)
    {
        var text = ex is SmtpCommandException smtp
            ? $"{nameof(SmtpCommandException)} {(int)smtp.StatusCode} {smtp.ErrorCode}: {smtp.Message}"
            : $"{ex.GetType().Name}: {ex.Message}";
        text = Redact(text, entry.Message.ToAddress);
        return text.Length <= 500 ? text : text[..500];
    }

    public static string Redact(string text, string address)
    {
        if (address.Length > 0)
        {
            text = text.Replace(address, "[address]", StringComparison.OrdinalIgnoreCase);
        }

        return AddressLike().Replace(text, "[address]");
    }

    [GeneratedRegex(@"[^\s<>""'(),;:\[\]]+@[^\s<>""'(),;:\[\]]*")]
    private static partial Regex AddressLike();
}
