using CleanAuth.Application.Common.Email;

namespace CleanAuth.Infrastructure.Email;

/// <summary>
/// One outbox entry as a sender claimed it. <paramref name="ClaimToken"/> proves the claim: the outcome is recorded
/// only while the entry is still this claim's, so a sender whose lease ran out cannot overwrite a newer claim.
/// <paramref name="Attempt"/> counts this one (the first claim is attempt 1).
/// </summary>
public sealed record OutboxEntry(string Id, EmailMessage Message, int Attempt, string ClaimToken, DateTimeOffset EnqueuedAt)
{
    // The message's bodies may carry a one-time code.
    public override string ToString() => $"{nameof(OutboxEntry)} {{ Id = {Id}, Kind = {Message.Kind}, Attempt = {Attempt} }}";
}

/// <summary>
/// The delivery side of the email outbox (ADR 0039), in the same store as the entries the use cases enqueue.
/// A claim is one atomic conditional write per entry that moves its due time a lease ahead, so two senders never
/// hold one entry at once, and a crashed sender's entries come back when the lease is over. Bodies are not kept
/// after the outcome is known: a sent entry is deleted, a given-up one keeps only its envelope.
/// Throws <see cref="Application.Common.Exceptions.StorageUnavailableException"/> when the store cannot be reached.
/// </summary>
public interface IOutboxQueue
{
    /// <summary>Claims up to <paramref name="max"/> entries due at <paramref name="now"/> (oldest due first) for <paramref name="lease"/>.</summary>
    Task<IReadOnlyList<OutboxEntry>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the end of this claim's lease to <paramref name="leaseEnd"/> (one conditional write, right before a send);
    /// false when the claim was lost, and then the entry must not be sent.
    /// </summary>
    Task<bool> ExtendClaimAsync(OutboxEntry entry, DateTimeOffset leaseEnd, CancellationToken cancellationToken);

    /// <summary>
    /// Hands claimed entries back, due at <paramref name="now"/>, in one conditional write (by claim token); the
    /// released claim does not count as an attempt. Returns how many were still this sender's.
    /// </summary>
    Task<int> ReleaseAsync(IReadOnlyCollection<OutboxEntry> entries, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes entries given up before <paramref name="before"/> (the retention of their envelopes); returns how many.</summary>
    Task<long> DeleteGivenUpAsync(DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>Forgets a delivered entry; false when the claim was lost (the lease ran out and another sender took it).</summary>
    Task<bool> MarkSentAsync(OutboxEntry entry, CancellationToken cancellationToken);

    /// <summary>Releases the claim and makes the entry due again at <paramref name="nextAttemptAt"/>; false when the claim was lost.</summary>
    Task<bool> RetryLaterAsync(OutboxEntry entry, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken);

    /// <summary>Stops trying: the entry stays for the record, never due again, its bodies blanked; false when the claim was lost.</summary>
    Task<bool> GiveUpAsync(OutboxEntry entry, DateTimeOffset now, string error, CancellationToken cancellationToken);

    /// <summary>Entries still to be delivered (claimed or not), for the queued gauge.</summary>
    Task<long> CountQueuedAsync(CancellationToken cancellationToken);
}
