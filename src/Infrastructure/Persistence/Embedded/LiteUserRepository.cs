using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence.Documents;
using LiteDB;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

// LiteDB's API is synchronous; its calls are short local file operations, so they run inline.
public sealed class LiteUserRepository(LiteStore store) : IUserRepository
{
    public Task<bool> TryAddAsync(User user, CancellationToken cancellationToken) => Task.FromResult(store.Guard(() =>
    {
        try
        {
            store.Users.Insert(UserDocument.From(user, user.Version));
            return true;
        }
        catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            return false;
        }
    }));

    public Task<User?> FindByIdAsync(string id, CancellationToken cancellationToken) => Task.FromResult(store.Guard(() =>
        ObjectIds.Normalize(id) is { } userId ? store.Users.FindById(userId)?.ToUser() : null));

    public Task<User?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = User.NormalizeEmail(email);
        return Task.FromResult(store.Guard(() =>
            store.Users.FindOne(Query.EQ(nameof(UserDocument.NormalizedEmail), normalized))?.ToUser()));
    }

    public Task UpdateAsync(User user, CancellationToken cancellationToken)
    {
        store.Write(() =>
        {
            var stored = store.Users.FindById(user.Id);
            if (stored is null || stored.Version != user.Version)
            {
                throw new ConflictException("The account was changed by another request; retry.");
            }

            return store.Users.Update(UserDocument.From(user, user.Version + 1));
        });
        user.MarkSaved();
        return Task.CompletedTask;
    }

    public Task<UserPage> ListAsync(int skip, int take, string? emailContains, CancellationToken cancellationToken) => Task.FromResult(store.Guard(() =>
    {
        ILiteQueryable<UserDocument> Matching()
        {
            var query = store.Users.Query();
            // INDEXOF rather than Query.Contains: LIKE would treat % and _ in the filter as wildcards.
            return emailContains is null
                ? query
                : query.Where(BsonExpression.Create("INDEXOF($.NormalizedEmail, @0) >= 0", new BsonValue(User.NormalizeEmail(emailContains))));
        }

        var total = Matching().LongCount();
        var items = Matching().OrderBy(d => d.Id).Skip(skip).Limit(take).ToList().Select(d => d.ToUser()).ToList();
        return new UserPage(items, total);
    }));

    public Task<long> CountActiveAdminsAsync(CancellationToken cancellationToken) => Task.FromResult(store.Guard(() =>
        (long)store.Users.Count(Query.And(IsAdmin, Query.EQ(nameof(UserDocument.Disabled), false)))));

    public Task<bool> AnyAdminAsync(CancellationToken cancellationToken) => Task.FromResult(store.Guard(() => store.Users.Exists(IsAdmin)));

    private static BsonExpression IsAdmin => Query.Any().EQ("Roles[*]", Role.Admin);
}
