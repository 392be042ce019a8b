using CleanAuth.Domain.Authors;
using CleanAuth.Domain.Books;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Common.Abstractions;

/// <summary>Makes ids in the form the configured store indexes best (24 lower-case hex digits, the ObjectId form).</summary>
public interface IIdGenerator
{
    string NewId();
}

/// <summary>The one place a new id becomes a typed one.</summary>
public static class IdGeneratorExtensions
{
    public static UserId NewUserId(this IIdGenerator ids) => UserId.From(ids.NewId());

    public static BookId NewBookId(this IIdGenerator ids) => BookId.From(ids.NewId());

    public static AuthorId NewAuthorId(this IIdGenerator ids) => AuthorId.From(ids.NewId());
}
