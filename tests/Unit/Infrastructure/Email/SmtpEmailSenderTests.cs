using System.Net;
using System.Net.Sockets;
using System.Text;
using CleanAuth.Application.Common.Email;
using CleanAuth.Infrastructure.Email;
using MimeKit;

namespace CleanAuth.Tests.Unit.Infrastructure.Email;

public sealed class SmtpEmailSenderTests
{
    [Fact]
    public async Task A_message_the_server_accepted_counts_as_sent_even_when_the_goodbye_is_interrupted()
    {
        // The server takes the message, then never answers QUIT, and the sender is being stopped meanwhile:
        // reporting a failure here would have the message sent a second time.
        using var stopping = new CancellationTokenSource();
        using var listener = new TcpListenerScope();
        var server = listener.ServeOneAsync(onQuit: stopping.Cancel);
        var options = new EmailDeliveryOptions
        {
            Smtp = { Host = "127.0.0.1", Port = listener.Port, Security = SmtpSecurity.None, Timeout = TimeSpan.FromSeconds(5) },
        };
        var entry = new OutboxEntry("6745a1b2c3d4e5f601234567",
            new EmailMessage("PasswordReset", "grace@example.com", "Grace", "Reset", "code 1", "<p>code 1</p>"), 1, "token", DateTimeOffset.UnixEpoch);
        var sender = new SmtpEmailSender(Microsoft.Extensions.Options.Options.Create(options));

        var destination = await sender.SendAsync(MimeMessages.Create(entry, MailboxAddress.Parse(options.From)), stopping.Token);

        destination.Should().Be($"smtp://127.0.0.1:{listener.Port}");
        (await server.WaitAsync(TimeSpan.FromSeconds(10))).Should().Contain("code 1", "the server had the message");
    }

    /// <summary>Just enough of an SMTP server for one message; hangs up a moment after QUIT without answering it.</summary>
    private sealed class TcpListenerScope : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

        public TcpListenerScope() => _listener.Start();

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public async Task<string> ServeOneAsync(Action onQuit)
        {
            using var client = await _listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            var data = new StringBuilder();
            await writer.WriteLineAsync("220 test ESMTP");
            while (await reader.ReadLineAsync() is { } line)
            {
                var verb = line.Split(' ')[0].ToUpperInvariant();
                if (verb == "DATA")
                {
                    await writer.WriteLineAsync("354 go ahead");
                    while (await reader.ReadLineAsync() is { } body && body != ".")
                    {
                        data.AppendLine(body);
                    }

                    await writer.WriteLineAsync("250 queued");
                }
                else if (verb == "QUIT")
                {
                    onQuit();
                    await Task.Delay(300);
                    break;
                }
                else
                {
                    await writer.WriteLineAsync(verb is "EHLO" or "HELO" ? "250 test" : "250 ok");
                }
            }

            return data.ToString();
        }

        public void Dispose() => _listener.Stop();
    }
}
