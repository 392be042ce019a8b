namespace CleanAuth.Application.Common.Email;

/// <summary>
/// Where a use case leaves an email to be sent. The entry is kept in the same store as the accounts, and a
/// background sender delivers it with retries, so a mail server's outage delays mail but never fails or slows
/// the request. Implementations throw <see cref="Exceptions.StorageUnavailableException"/> when the store
/// cannot be reached.
/// </summary>
public interface IEmailOutbox
{
    Task EnqueueAsync(EmailMessage message, CancellationToken cancellationToken);
}
