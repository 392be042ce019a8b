using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Models;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence.Mongo.Documents;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CleanAuth.Infrastructure.Persistence.Mongo;

public sealed class MongoUserRepository(MongoStore store) : IUserRepository
{
    private IMongoCollection<UserDocument> Users => store.Users;

    public Task<bool> TryAddAsync(User user, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        // The unique index is the guarantee under concurrency; this read gives the same answer on
        // servers that do not enforce unique indexes (the test server) for the common, sequential case.
        if (await Users.Find(d => d.NormalizedEmail == user.NormalizedEmail).AnyAsync(cancellationToken))
        {
            return false;
        }

        if (user.IsActiveAdmin)
        {
            await MongoActiveAdmins.EnsureCountedAsync(store, cancellationToken);
        }

        try
        {
            await Users.InsertOneAsync(UserDocument.From(user, user.Version), cancellationToken: cancellationToken);
        }
        catch (MongoWriteException ex) when (ex.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            return false;
        }

        if (user.IsActiveAdmin)
        {
            await MongoActiveAdmins.AddOneAsync(store, cancellationToken);
        }

        return true;
    });

    public Task<User?> FindByIdAsync(UserId id, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        var userId = id.Value;
        var document = await Users.Find(d => d.Id == userId).FirstOrDefaultAsync(cancellationToken);
        return document?.ToUser();
    });

    public Task<User?> FindByEmailAsync(string email, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        var normalized = EmailAddress.Normalize(email);
        var document = await Users.Find(d => d.NormalizedEmail == normalized).FirstOrDefaultAsync(cancellationToken);
        return document?.ToUser();
    });

    // Conditional on the version read; the sign-in fields are not written (only the atomic sign-in
    // operations below change them, so a stale copy can never undo a counted failure).
    public Task UpdateAsync(User user, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        StoreRules.EnsureNotRemovingActiveAdmin(user);
        var becomesActiveAdmin = !user.StoredAsActiveAdmin && user.IsActiveAdmin;
        if (becomesActiveAdmin)
        {
            await MongoActiveAdmins.EnsureCountedAsync(store, cancellationToken);
        }

        if (!await TryWriteAsync(user, cancellationToken))
        {
            throw new AccountChangedException();
        }

        // After the user is written: until then the count stays low, which only makes the rule stricter.
        if (becomesActiveAdmin)
        {
            await MongoActiveAdmins.AddOneAsync(store, cancellationToken);
        }
    });

    // The count of active administrators is taken down first (refused below one), then the user written;
    // if that write does not happen the count is given back. See MongoActiveAdmins for why this order.
    public Task<bool> TryUpdateRemovingActiveAdminAsync(User user, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        StoreRules.EnsureRemovingActiveAdmin(user);
        if (!await MongoActiveAdmins.TryTakeOneAsync(store, cancellationToken))
        {
            return false;
        }

        var written = false;
        try
        {
            written = await TryWriteAsync(user, cancellationToken);
        }
        finally
        {
            if (!written)
            {
                await MongoActiveAdmins.AddOneAsync(store, CancellationToken.None);
            }
        }

        return written ? true : throw new AccountChangedException();
    });

    public Task<SignInReservation> ReserveSignInAttemptAsync(
        UserId userId, DateTimeOffset now, int maxFailedAttempts, TimeSpan lockoutDuration, CancellationToken cancellationToken) => MongoStore.MapOutage(() =>
        MongoSignInReservations.ReserveAsync(Users, userId.Value, now, maxFailedAttempts, lockoutDuration, cancellationToken));

    public Task RecordSignInSuccessAsync(UserId userId, DateTimeOffset? lastLoginAt, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        var update = Builders<UserDocument>.Update.Set(d => d.FailedLoginCount, 0).Set(d => d.LockoutEnd, null);
        if (lastLoginAt is { } at)
        {
            update = update.Set(d => d.LastLoginAt, StoreRules.ToMilliseconds(at).UtcDateTime);
        }

        var id = userId.Value;
        await Users.UpdateOneAsync(d => d.Id == id, update, cancellationToken: cancellationToken);
    });

    public Task ReplacePasswordHashAsync(UserId userId, string expectedHash, string newHash, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        var id = userId.Value;
        await Users.UpdateOneAsync(d => d.Id == id && d.PasswordHash == expectedHash,
            Builders<UserDocument>.Update.Set(d => d.PasswordHash, newHash), cancellationToken: cancellationToken);
    });

    public Task MarkEmailConfirmedAsync(UserId userId, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        var id = userId.Value;
        await Users.UpdateOneAsync(d => d.Id == id, Builders<UserDocument>.Update.Set(d => d.EmailConfirmed, true), cancellationToken: cancellationToken);
    });

    public Task<PagedList<User>> ListAsync(int page, int pageSize, string? emailContains, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        var filter = emailContains is null
            ? Builders<UserDocument>.Filter.Empty
            : Builders<UserDocument>.Filter.Regex(d => d.NormalizedEmail,
                new BsonRegularExpression(System.Text.RegularExpressions.Regex.Escape(EmailAddress.Normalize(emailContains))));
        var total = await Users.CountDocumentsAsync(filter, cancellationToken: cancellationToken);
        var documents = await Users.Find(filter).SortBy(d => d.Id).Skip((int)Math.Min(PagedList.Skip(page, pageSize), int.MaxValue)).Limit(pageSize).ToListAsync(cancellationToken);
        return new PagedList<User>([.. documents.Select(d => d.ToUser())], page, pageSize, total);
    });

    public Task<long> CountActiveAdminsAsync(CancellationToken cancellationToken) => MongoStore.MapOutage(() =>
        Users.CountDocumentsAsync(d => d.Roles.Contains(Role.Admin) && !d.Disabled, cancellationToken: cancellationToken));

    // Every field a user update may change, conditional on the version read; true when it was stored.
    private async Task<bool> TryWriteAsync(User user, CancellationToken cancellationToken)
    {
        var update = Builders<UserDocument>.Update
            .Set(d => d.Name, user.Name)
            .Set(d => d.PasswordHash, user.PasswordHash)
            .Set(d => d.SecurityStamp, user.SecurityStamp)
            .Set(d => d.Roles, [.. user.Roles])
            .Set(d => d.Disabled, user.IsDisabled)
            .Set(d => d.UpdatedAt, user.UpdatedAt.UtcDateTime)
            .Set(d => d.Version, user.Version + 1);
        var (id, version) = (user.Id.Value, user.Version);
        var result = await Users.UpdateOneAsync(d => d.Id == id && d.Version == version, update, cancellationToken: cancellationToken);
        if (result.MatchedCount == 0)
        {
            return false;
        }

        user.MarkSaved();
        return true;
    }
}
