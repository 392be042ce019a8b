using MimeKit;

namespace CleanAuth.Infrastructure.Email;

/// <summary>Hands one finished message to its destination; throws when it could not.</summary>
public interface IEmailSender
{
    /// <summary>Sends <paramref name="message"/>; returns where it went, for the log (a file name, a server), never its content.</summary>
    Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
