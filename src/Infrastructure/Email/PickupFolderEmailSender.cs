using MimeKit;

namespace CleanAuth.Infrastructure.Email;

/// <summary>
/// With no SMTP server configured (the zero-setup run), each message becomes an <c>.eml</c> file in
/// <c>&lt;data folder&gt;/mail-pickup</c>, which any mail client opens. Written under a temporary name and renamed,
/// so a reader never sees half a file.
/// </summary>
public sealed class PickupFolderEmailSender(string folder) : IEmailSender
{
    public const string FolderName = "mail-pickup";

    public string Folder { get; } = folder;

    public async Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        // The Message-ID is the outbox entry's, so a repeated delivery overwrites the same file.
        var name = $"{message.Date.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{FileSafe((message.MessageId ?? Guid.NewGuid().ToString("N")).Split('@')[0])}.eml";
        var path = Path.Combine(Folder, name);
        var partial = path + ".partial";
        await message.WriteToAsync(partial, cancellationToken);
        File.Move(partial, path, overwrite: true);
        return path;
    }

    private static string FileSafe(string messageId) =>
        string.Concat(messageId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
}
