using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;

namespace CleanAuth.Application.Books.Common;

/// <summary>Checks that an author a book names is one of its owner's own authors.</summary>
public sealed class AuthorReferences(IAuthorRepository authors)
{
    public const string Field = "authorId";

    /// <summary>The author id to store (null for none), or a 400 on <c>authorId</c> when it is not one of the owner's authors.</summary>
    public async Task<string?> CheckAsync(string ownerId, string? authorId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(authorId))
        {
            return null;
        }

        return await authors.FindAsync(ownerId, authorId.Trim(), cancellationToken) is { } author
            ? author.Id
            : throw ValidationException.ForField(Field, "No such author in your list.");
    }
}
