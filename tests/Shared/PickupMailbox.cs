using System.Text.RegularExpressions;
using CleanAuth.Infrastructure.Email;
using MimeKit;

namespace CleanAuth.Tests.Email;

/// <summary>
/// Reads the mail the API delivered to its pickup folder (no SMTP host configured): the real outbox and the real
/// background sender, with the .eml files as the mailbox. <paramref name="deliver"/>, when given, runs a round of the
/// sender before each look, for an API whose sender waits on a fake clock (nothing else wakes it, ADR 0042).
/// </summary>
public sealed partial class PickupMailbox(string dataPath, Func<Task>? deliver = null)
{
    public string Folder { get; } = Path.Combine(dataPath, PickupFolderEmailSender.FolderName);

    /// <summary>Every message delivered so far to <paramref name="email"/> with <paramref name="subject"/>, oldest first.</summary>
    public async Task<IReadOnlyList<MimeMessage>> MessagesAsync(string email, string subject)
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        var messages = new List<(DateTime At, MimeMessage Message)>();
        foreach (var file in Directory.GetFiles(Folder, "*.eml"))
        {
            var message = await MimeMessage.LoadAsync(file);
            if (message.Subject == subject && message.To.Mailboxes.Any(m => string.Equals(m.Address, email, StringComparison.OrdinalIgnoreCase)))
            {
                messages.Add((File.GetLastWriteTimeUtc(file), message));
            }
        }

        return [.. messages.OrderBy(m => m.At).Select(m => m.Message)];
    }

    /// <summary>Waits until the <paramref name="count"/>-th such message has arrived and returns the code it carries.</summary>
    public async Task<string> CodeAsync(string email, string subject, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            if (deliver is not null)
            {
                await deliver();
            }

            var messages = await MessagesAsync(email, subject);
            if (messages.Count >= count)
            {
                return CodeIn(messages[count - 1]);
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{count} message(s) '{subject}' to {email} did not arrive in the pickup folder; {messages.Count} did.");
            }

            await Task.Delay(50);
        }
    }

    public Task<string> ConfirmationCodeAsync(string email, int count = 1) => CodeAsync(email, "Confirm your email address", count);

    public Task<string> ResetCodeAsync(string email, int count = 1) => CodeAsync(email, "Reset your password", count);

    /// <summary>The one-time code a confirmation or reset message carries (its plain-text part), or "" when it has none.</summary>
    public static string CodeIn(MimeMessage message) => Code().Match(message.TextBody ?? "").Value;

    [GeneratedRegex("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}")]
    private static partial Regex Code();
}
