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
        // The messages carry one-time codes: readable by this account only, like the signing key.
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Folder);
        }
        else
        {
            const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            Directory.CreateDirectory(Folder, OwnerOnly);
            // A folder an earlier version made 0755 is closed too.
            File.SetUnixFileMode(Folder, OwnerOnly);
        }

        // The Message-ID is the outbox entry's, so a repeated delivery overwrites the same file.
        var name = $"{message.Date.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{FileSafe((message.MessageId ?? Guid.NewGuid().ToString("N")).Split('@')[0])}.eml";
        var path = Path.Combine(Folder, name);
        var partial = path + ".partial";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            await using (var stream = new FileStream(partial, options))
            {
                await message.WriteToAsync(stream, cancellationToken);
            }

            File.Move(partial, path, overwrite: true);
        }
        catch
        {
            // Half a message, code included, is not left behind.
            File.Delete(partial);
            throw;
        }

        return path;
    }

    private static string FileSafe(string messageId) =>
        string.Concat(messageId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
}
