using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Accounts.Common;

/// <summary>
/// Erases an account in the store's crash-safe steps (ADR 0055): the mark first, then the owned data, then the
/// account with its notice. Once marked, the rest runs to the end even if the caller goes away: an interrupted
/// erasure is left for <see cref="CompleteMarkedAsync"/>, which the background sweep calls at start and periodically.
/// </summary>
public sealed class AccountErasure(IAccountErasure store, SecurityEvents events, TimeProvider timeProvider)
{
    /// <summary>How many marked accounts one sweep round completes.</summary>
    public const int SweepBatch = 20;

    /// <summary>Erases <paramref name="user"/> on <paramref name="actor"/>'s request; 409 for the last active administrator.</summary>
    public async Task EraseAsync(User user, UserId actor, CancellationToken cancellationToken)
    {
        switch (await store.TryMarkAsync(user.Id, timeProvider.GetUtcNow(), cancellationToken))
        {
            case ErasureMark.LastActiveAdministrator:
                throw new LastAdministratorException();
            case ErasureMark.NotFound:
                return; // Marked by a request racing this one, which erases it (or the sweep will).
        }

        // Past the mark the account cannot be used any more: finish whatever happens to the request.
        await CompleteAsync(user, CancellationToken.None);
        events.AccountErased(user.Id, actor);
    }

    /// <summary>Completes every erasure a crash interrupted; returns how many accounts it erased.</summary>
    public async Task<int> CompleteMarkedAsync(CancellationToken cancellationToken)
    {
        var erased = 0;
        IReadOnlyList<User> marked;
        do
        {
            marked = await store.FindMarkedAsync(SweepBatch, cancellationToken);
            foreach (var user in marked)
            {
                await CompleteAsync(user, cancellationToken);
                events.AccountErasureCompleted(user.Id);
                erased++;
            }
        }
        while (marked.Count == SweepBatch);

        return erased;
    }

    private async Task CompleteAsync(User user, CancellationToken cancellationToken)
    {
        await store.DeleteOwnedDataAsync(user, cancellationToken);
        await store.DeleteAccountAsync(user.Id, AccountEmails.Erased(user), cancellationToken);
    }
}
