using CleanAuth.Application.Common.Email;

namespace CleanAuth.Infrastructure.Email;

/// <summary>
/// Wakes this instance's sender when a message is enqueued here, so mail leaves at once instead of at the next
/// poll. Many wakes before the sender looks count as one.
/// </summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Wake()
    {
        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    /// <summary>Waits for a wake or for <paramref name="interval"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan interval, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var woken = _pending.WaitAsync(either.Token);
        var elapsed = Task.Delay(interval, timeProvider, either.Token);
        await Task.WhenAny(woken, elapsed);
        // The loser is cancelled; a wake it had already taken is not lost, since the sender looks right now.
        await either.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    public void Dispose() => _pending.Dispose();
}

/// <summary>The store's outbox, waking the sender after each enqueue.</summary>
public sealed class WakingEmailOutbox(IEmailOutbox store, OutboxSignal signal) : IEmailOutbox
{
    public async Task EnqueueAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        await store.EnqueueAsync(message, cancellationToken);
        signal.Wake();
    }
}
