using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence.Documents;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CleanAuth.Infrastructure.Persistence.Mongo;

public sealed class MongoUserRepository(MongoStore store) : IUserRepository
{
    private IMongoCollection<UserDocument> Users => store.Users;

    public Task<bool> TryAddAsync(User user, CancellationToken cancellationToken) => MongoStore.Guard(async () =>
    {
        // The unique index is the guarantee under concurrency; this read gives the same answer on
        // servers that do not enforce unique indexes (the test server) for the common, sequential case.
        if (await Users.Find(d => d.NormalizedEmail == user.NormalizedEmail).AnyAsync(cancellationToken))
        {
            return false;
        }

        try
        {
            await Users.InsertOneAsync(UserDocument.From(user, user.Version), cancellationToken: cancellationToken);
            return true;
        }
        catch (MongoWriteException ex) when (ex.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            return false;
        }
    });

    public Task<User?> FindByIdAsync(string id, CancellationToken cancellationToken) => MongoStore.Guard(async () =>
    {
        if (ObjectIds.Normalize(id) is not { } userId)
        {
            return null;
        }

        var document = await Users.Find(d => d.Id == userId).FirstOrDefaultAsync(cancellationToken);
        return document?.ToUser();
    });

    public Task<User?> FindByEmailAsync(string email, CancellationToken cancellationToken) => MongoStore.Guard(async () =>
    {
        var normalized = User.NormalizeEmail(email);
        var document = await Users.Find(d => d.NormalizedEmail == normalized).FirstOrDefaultAsync(cancellationToken);
        return document?.ToUser();
    });

    public Task UpdateAsync(User user, CancellationToken cancellationToken) => MongoStore.Guard(async () =>
    {
        var result = await Users.ReplaceOneAsync(
            d => d.Id == user.Id && d.Version == user.Version,
            UserDocument.From(user, user.Version + 1),
            cancellationToken: cancellationToken);
        if (result.MatchedCount == 0)
        {
            throw new ConflictException("The account was changed by another request; retry.");
        }

        user.MarkSaved();
    });

    public Task<UserPage> ListAsync(int skip, int take, string? emailContains, CancellationToken cancellationToken) => MongoStore.Guard(async () =>
    {
        var filter = emailContains is null
            ? Builders<UserDocument>.Filter.Empty
            : Builders<UserDocument>.Filter.Regex(d => d.NormalizedEmail,
                new BsonRegularExpression(System.Text.RegularExpressions.Regex.Escape(User.NormalizeEmail(emailContains))));
        var total = await Users.CountDocumentsAsync(filter, cancellationToken: cancellationToken);
        var documents = await Users.Find(filter).SortBy(d => d.Id).Skip(skip).Limit(take).ToListAsync(cancellationToken);
        return new UserPage([.. documents.Select(d => d.ToUser())], total);
    });

    public Task<long> CountActiveAdminsAsync(CancellationToken cancellationToken) => MongoStore.Guard(() =>
        Users.CountDocumentsAsync(d => d.Roles.Contains(Role.Admin) && !d.Disabled, cancellationToken: cancellationToken));

    public Task<bool> AnyAdminAsync(CancellationToken cancellationToken) => MongoStore.Guard(() =>
        Users.Find(d => d.Roles.Contains(Role.Admin)).AnyAsync(cancellationToken));
}
