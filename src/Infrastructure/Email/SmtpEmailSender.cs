using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CleanAuth.Infrastructure.Email;

/// <summary>Sends over SMTP with MailKit, one connection per message: mail is rare enough that a kept connection is not worth its failure modes.</summary>
public sealed class SmtpEmailSender(IOptions<EmailDeliveryOptions> options) : IEmailSender
{
    private static readonly TimeSpan QuitTimeout = TimeSpan.FromSeconds(5);

    public async Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        var host = smtp.Host ?? throw new InvalidOperationException("Email:Smtp:Host is not set.");
        await client.ConnectAsync(host, smtp.Port, smtp.SocketOptions, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);

        // The server has accepted the message: it is sent, whatever the goodbye does. A failed QUIT must not make it
        // a failure to be sent again, nor may a shutdown interrupt it.
        try
        {
            client.Timeout = (int)QuitTimeout.TotalMilliseconds;
            await client.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (Exception)
        {
            // The connection is closed when the client is disposed.
        }

        return $"smtp://{smtp.Host}:{smtp.Port}";
    }
}
