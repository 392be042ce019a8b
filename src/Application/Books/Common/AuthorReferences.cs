using CleanAuth.Application.Authors.Ports;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Authors;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Books.Common;

/// <summary>
/// Keeps the books' references to authors: a book names only one of its owner's own authors, and an author named by
/// a book cannot be deleted (ADR 0032). The reference is taken before the book is stored and given back after the
/// book stopped naming the author, so a crash in between can only leave a count too high (a delete refused with
/// 409), never a book naming a deleted author.
/// </summary>
public sealed class AuthorReferences(IAuthorRepository authors)
{
    public const string Field = "authorId";

    /// <summary>The author id to store (null for none), or a 400 on <c>authorId</c> when it is not one of the owner's authors.</summary>
    public async Task<AuthorId?> CheckAsync(UserId ownerId, string? authorId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(authorId))
        {
            return null;
        }

        return AuthorId.TryParse(authorId.Trim(), out var id) && await authors.FindAsync(ownerId, id, cancellationToken) is { } author
            ? author.Id
            : throw NoSuchAuthor();
    }

    /// <summary>
    /// Runs <paramref name="store"/> (a write of a book that newly names <paramref name="authorId"/>; null: none)
    /// holding a reference on the author; a 400 when the author is gone by then. The reference is given back when the
    /// write certainly did not happen (false, or a conflict); after an outage the write may have happened, so it is kept.
    /// </summary>
    public async Task<bool> StoreNamingAsync(UserId ownerId, AuthorId? authorId, Func<Task<bool>> store, CancellationToken cancellationToken)
    {
        if (authorId is null)
        {
            return await store();
        }

        if (!await authors.TryAddReferenceAsync(ownerId, authorId.Value, cancellationToken))
        {
            throw NoSuchAuthor();
        }

        bool stored;
        try
        {
            stored = await store();
        }
        catch (ConflictException)
        {
            await ReleaseAsync(ownerId, authorId);
            throw;
        }

        if (!stored)
        {
            await ReleaseAsync(ownerId, authorId);
        }

        return stored;
    }

    /// <summary>Gives back the reference of a book that no longer names <paramref name="authorId"/> (null: none). Not cancellable: the book's write is done.</summary>
    public Task ReleaseAsync(UserId ownerId, AuthorId? authorId) =>
        authorId is { } id ? authors.ReleaseReferenceAsync(ownerId, id, CancellationToken.None) : Task.CompletedTask;

    private static ValidationException NoSuchAuthor() => ValidationException.ForField(Field, "No such author in your list.");
}
