using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Application.Common.Email;
using CleanAuth.Domain.Users;

namespace CleanAuth.Tests.Fakes;

/// <summary>
/// An in-memory <see cref="IAccountErasure"/> over the other fakes: the mark is decided under the user fake's lock
/// (as the stores decide it in one write); the owned data goes through each fake, as the stores' one line per table.
/// </summary>
public sealed class InMemoryAccountErasure(
    InMemoryUserRepository users,
    InMemoryBookRepository books,
    InMemoryCoverStore covers,
    InMemoryAuthorRepository authors,
    InMemoryRefreshTokenStore tokens,
    InMemoryAccountCodeStore codes,
    InMemoryTwoFactorStore twoFactor,
    InMemoryEmailOutbox outbox,
    InMemoryActivityLog? activity = null) : IAccountErasure
{
    public Task<ErasureMark> TryMarkAsync(UserId userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(users.TryMarkErasing(userId, now));

    public Task<IReadOnlyList<User>> FindMarkedAsync(int max, CancellationToken cancellationToken) => Task.FromResult(users.Erasing(max));

    public async Task DeleteOwnedDataAsync(User user, CancellationToken cancellationToken)
    {
        while ((await books.ListAsync(user.Id, new BookFilter(null, null, 1, 100), cancellationToken)).Items is { Count: > 0 } page)
        {
            foreach (var book in page)
            {
                if (book.Cover is { } cover)
                {
                    await covers.DeleteAsync(cover.Original.FileId, cancellationToken);
                    await covers.DeleteAsync(cover.Thumbnail.FileId, cancellationToken);
                }

                if (book.AuthorId is { } author)
                {
                    await authors.ReleaseReferenceAsync(user.Id, author, cancellationToken);
                }

                await books.DeleteAsync(user.Id, book.Id, book.Version, cancellationToken);
            }
        }

        foreach (var author in await authors.ListAsync(user.Id, cancellationToken))
        {
            await authors.DeleteAsync(user.Id, author.Id, cancellationToken);
        }

        tokens.RemoveAll(user.Id);
        codes.RemoveAll(user.Id);
        await twoFactor.RemoveAsync(user.Id, cancellationToken);
        outbox.RemoveWaitingFor(user.Email, user.Id.Value);
        if (activity is not null)
        {
            await activity.DeleteAllAsync(user.Id, cancellationToken);
        }
    }

    public Task DeleteAccountAsync(UserId userId, EmailMessage notice, CancellationToken cancellationToken)
    {
        if (users.Erasing(int.MaxValue).Any(u => u.Id == userId))
        {
            outbox.EnqueueOnce(userId.Value, notice);
            users.RemoveErasing(userId);
        }

        return Task.CompletedTask;
    }
}
