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
}
