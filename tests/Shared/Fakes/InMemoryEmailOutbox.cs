using CleanAuth.Application.Common.Email;

namespace CleanAuth.Tests.Fakes;

/// <summary>An <see cref="IEmailOutbox"/> that keeps what was enqueued, so a test can read the mail a use case left.</summary>
public sealed class InMemoryEmailOutbox : IEmailOutbox
{
    private readonly List<EmailMessage> _messages = [];
    private readonly Lock _gate = new();

    /// <summary>Thrown by the next enqueue when set (e.g. a <c>StorageUnavailableException</c>).</summary>
    public Exception? NextFailure { get; set; }

    public IReadOnlyList<EmailMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    public Task EnqueueAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (NextFailure is { } failure)
            {
                NextFailure = null;
                throw failure;
            }

            _messages.Add(message);
        }

        return Task.CompletedTask;
    }
}
