using CleanAuth.Application.Common.Email;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Accounts.Ports;

/// <summary>
/// Erasing an account and everything it owns (ADR 0055), in steps that survive a crash between any two: first one
/// conditional write marks the account (it is disabled, its security stamp changes so every token dies, and every
/// user read stops finding it, so nothing can sign in to it); then its data is deleted; last its row, with the
/// notice left in the outbox. A marked account is found again by <see cref="FindMarkedAsync"/>, so a background
/// step completes what a crash interrupted. Every step after the mark may run twice, or twice at once.
/// </summary>
public interface IAccountErasure
{
    /// <summary>
    /// Marks the account, in one atomic conditional write: an active administrator only while another remains
    /// (the rule of ADR 0031). <see cref="ErasureMark.NotFound"/> for an unknown account or one marked already.
    /// </summary>
    Task<ErasureMark> TryMarkAsync(UserId userId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Marked accounts not erased yet (a crash interrupted them), at most <paramref name="max"/>, the oldest mark first.</summary>
    Task<IReadOnlyList<User>> FindMarkedAsync(int max, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes everything the marked account owns — its library (books, covers, thumbnails, authors), sessions,
    /// account codes, second factor and mail still waiting for its address — in bounded batches. The account's own
    /// row stays, so an interrupted run is found again.
    /// </summary>
    Task DeleteOwnedDataAsync(User user, CancellationToken cancellationToken);

    /// <summary>
    /// Leaves <paramref name="notice"/> in the outbox under the account's id (at most once) and deletes the account;
    /// nothing happens when the account is gone already.
    /// </summary>
    Task DeleteAccountAsync(UserId userId, EmailMessage notice, CancellationToken cancellationToken);
}

/// <summary>The outcome of <see cref="IAccountErasure.TryMarkAsync"/>.</summary>
public enum ErasureMark
{
    Marked,

    /// <summary>The account is the last active administrator: nothing was written.</summary>
    LastActiveAdministrator,

    /// <summary>No such account, or one being erased already.</summary>
    NotFound,
}
