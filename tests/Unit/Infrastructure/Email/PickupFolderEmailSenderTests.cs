using CleanAuth.Application.Common.Email;
using CleanAuth.Infrastructure.Email;
using MimeKit;

namespace CleanAuth.Tests.Unit.Infrastructure.Email;

public sealed class PickupFolderEmailSenderTests
{
    [Fact]
    public async Task Each_message_becomes_one_eml_file_named_by_its_date_and_outbox_id_and_nothing_partial_is_left()
    {
        using var temp = new TempDirectory();
        var sender = new PickupFolderEmailSender(Path.Combine(temp.Path, PickupFolderEmailSender.FolderName));
        var entry = new OutboxEntry("6745a1b2c3d4e5f601234567",
            new EmailMessage("PasswordReset", "grace@example.com", "Grace", "Reset", "code 1", "<p>code 1</p>"), 1, "token",
            new DateTimeOffset(2026, 11, 25, 8, 30, 0, TimeSpan.Zero));

        var path = await sender.SendAsync(MimeMessages.Create(entry, MailboxAddress.Parse("CleanAuth <no-reply@localhost>")), default);

        Path.GetFileName(path).Should().Be("20261125T083000Z-6745a1b2c3d4e5f601234567.eml");
        Directory.GetFiles(sender.Folder).Should().Equal(path);
        (await MimeMessage.LoadAsync(path)).TextBody.Should().Be("code 1");
    }

    [Fact]
    public async Task The_folder_and_its_files_are_readable_by_this_account_only()
    {
        using var temp = new TempDirectory();
        var folder = Path.Combine(temp.Path, PickupFolderEmailSender.FolderName);
        Directory.CreateDirectory(folder); // as an earlier version left it, 0755

        var path = await new PickupFolderEmailSender(folder).SendAsync(Mime(Entry()), default);

        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(folder).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public async Task A_failed_write_leaves_no_partial_file_with_the_code_behind()
    {
        using var temp = new TempDirectory();
        var sender = new PickupFolderEmailSender(Path.Combine(temp.Path, PickupFolderEmailSender.FolderName));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var send = () => sender.SendAsync(Mime(Entry()), cancelled.Token);

        await send.Should().ThrowAsync<OperationCanceledException>();
        Directory.GetFiles(sender.Folder).Should().BeEmpty();
    }

    [Fact]
    public async Task CR_LF_in_the_name_or_subject_cannot_add_a_header()
    {
        using var temp = new TempDirectory();
        var sender = new PickupFolderEmailSender(Path.Combine(temp.Path, PickupFolderEmailSender.FolderName));
        var entry = Entry() with
        {
            Message = Entry().Message with { ToName = "Eve\r\nBcc: victim@example.com", Subject = "Hi\r\nBcc: victim2@example.com\r\n\r\nbody" },
        };

        var path = await sender.SendAsync(Mime(entry), default);

        var lines = await File.ReadAllLinesAsync(path);
        lines.Should().NotContain(l => l.StartsWith("Bcc:", StringComparison.OrdinalIgnoreCase));
        var loaded = await MimeMessage.LoadAsync(path);
        loaded.Bcc.Count.Should().Be(0);
        loaded.To.Mailboxes.Should().ContainSingle().Which.Address.Should().Be("grace@example.com");
        loaded.TextBody.Should().Be("code 1");
    }

    [Fact]
    public void An_empty_name_puts_the_bare_address_in_To_and_a_name_is_shown()
    {
        var bare = Mime(Entry() with { Message = Entry().Message with { ToName = "" } });
        var named = Mime(Entry());

        bare.Headers[HeaderId.To].Should().Be("grace@example.com");
        bare.To.Mailboxes.Single().Name.Should().BeNullOrEmpty();
        named.Headers[HeaderId.To].Should().Be("Grace <grace@example.com>");
    }

    private static OutboxEntry Entry() => new("6745a1b2c3d4e5f601234567",
        new EmailMessage("PasswordReset", "grace@example.com", "Grace", "Reset", "code 1", "<p>code 1</p>"), 1, "token",
        new DateTimeOffset(2026, 11, 25, 8, 30, 0, TimeSpan.Zero));

    private static MimeMessage Mime(OutboxEntry entry) => MimeMessages.Create(entry, MailboxAddress.Parse("CleanAuth <no-reply@localhost>"));
}
