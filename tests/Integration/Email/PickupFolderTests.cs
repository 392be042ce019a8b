using CleanAuth.Application.Common.Email;
using CleanAuth.Infrastructure.Email;
using CleanAuth.Tests.Integration.Support;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CleanAuth.Tests.Integration.Email;

/// <summary>With no SMTP host (the zero-setup run), mail becomes .eml files under the data folder (ADR 0039).</summary>
public sealed class PickupFolderTests
{
    private static readonly EmailMessage Message = new(
        "PasswordReset", "grace@example.com", "Grace <Hopper>", "Reset your password",
        "Your code: 731-904", "<p>Hello Grace &lt;Hopper&gt;, your code: <b>731-904</b></p>");

    [Fact]
    public async Task A_message_enqueued_without_an_SMTP_host_is_written_to_the_pickup_folder_with_one_log_line_and_no_body()
    {
        await using var api = CleanAuthApi.Embedded();
        await AssertWrittenToPickupFolderAsync(api, api.DataPath);
    }

    [Fact]
    public async Task The_same_on_MongoDB()
    {
        await using var server = await MongoWireServer.StartAsync();
        var data = Path.Combine(Path.GetTempPath(), "cleanauth-tests", Guid.NewGuid().ToString("N"));
        try
        {
            await using var api = CleanAuthApi.Mongo(server.ConnectionString("pickup"), new() { ["Storage:DataPath"] = data });
            await AssertWrittenToPickupFolderAsync(api, data);
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    private static async Task AssertWrittenToPickupFolderAsync(CleanAuthApi api, string dataPath)
    {
        _ = api.Server; // starts the host
        var folder = Path.Combine(dataPath, PickupFolderEmailSender.FolderName);

        await api.Services.GetRequiredService<IEmailOutbox>().EnqueueAsync(Message, default);

        var sent = await api.Logs.WaitForAsync(e => e.Str("EventName") == "EmailSent", TimeSpan.FromSeconds(20));
        var file = Directory.GetFiles(folder).Should().ContainSingle().Subject;
        file.Should().EndWith(".eml");
        var mime = await MimeMessage.LoadAsync(file);
        mime.To.Mailboxes.Should().ContainSingle().Which.Address.Should().Be("grace@example.com");
        mime.Subject.Should().Be("Reset your password");
        mime.TextBody.Should().Be(Message.TextBody);
        mime.HtmlBody.Should().Be(Message.HtmlBody);

        sent.Str("EmailKind").Should().Be("PasswordReset");
        sent.Str("Destination").Should().Be(file);
        api.Logs.Events.Where(e => e.Str("EventName") is { } name && name.StartsWith("Email", StringComparison.Ordinal))
            .Should().ContainSingle("one line per message");
        api.Logs.Text.Should().NotContain("731-904").And.NotContain("grace@example.com");
    }
}
