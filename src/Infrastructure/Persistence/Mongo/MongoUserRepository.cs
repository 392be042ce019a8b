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
        var document = await Users.Find(d => d.Id == userId && d.ErasingAt == null).FirstOrDefaultAsync(cancellationToken);
        return document?.ToUser();
    });

    public Task<User?> FindByEmailAsync(string email, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        var normalized = EmailAddress.Normalize(email);
        var document = await Users.Find(d => d.NormalizedEmail == normalized && d.ErasingAt == null).FirstOrDefaultAsync(cancellationToken);
        return document?.ToUser();
    });

    // Conditional on the version read; the sign-in fields are not written (only the atomic sign-in operations
    // below change them, so a stale copy can never undo a counted failure). The count of active administrators
    // (MongoActiveAdmins) follows the change: taken down before a write that takes one away, refused below one;
    // given back if that write does not happen; added after a write that makes one.
    public Task UpdateAsync(User user, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        if (user.IsActiveAdmin)
        {
            await MongoActiveAdmins.EnsureCountedAsync(store, cancellationToken);
        }

        // The common case first: the stored user is no active administrator, so nothing is taken away.
        if (await TryWriteAsync(user, NotActiveAdmin, cancellationToken))
        {
            if (user.IsActiveAdmin)
            {
                await MongoActiveAdmins.AddOneAsync(store, cancellationToken);
            }

            return;
        }

        var id = user.Id.Value;
        var version = user.Version;
        if (!await Users.Find(d => d.Id == id && d.Version == version).AnyAsync(cancellationToken))
        {
            throw new AccountChangedException();
        }

        // An active administrator who stays one (a rename) changes no count; anything else takes one away.
        var written = user.IsActiveAdmin
            ? await TryWriteAsync(user, Builders<UserDocument>.Filter.Empty, cancellationToken)
            : await TryTakingAnActiveAdminAwayAsync(user, cancellationToken);
        if (!written)
        {
            throw new AccountChangedException();
        }
    });

    private async Task<bool> TryTakingAnActiveAdminAwayAsync(User user, CancellationToken cancellationToken)
    {
        if (!await MongoActiveAdmins.TryTakeOneAsync(store, cancellationToken))
        {
            throw new LastAdministratorException();
        }

        var written = false;
        try
        {
            written = await TryWriteAsync(user, Builders<UserDocument>.Filter.Empty, cancellationToken);
        }
        finally
        {
            if (!written)
            {
                await MongoActiveAdmins.AddOneAsync(store, CancellationToken.None);
            }
        }

        return written;
    }

    public Task<SignInReservation> ReserveSignInAttemptAsync(
        UserId userId, DateTimeOffset now, int maxFailedAttempts, TimeSpan lockoutDuration, CancellationToken cancellationToken) => MongoStore.MapOutage(() =>
        MongoSignInReservations.ReserveAsync(Users, userId.Value, now, maxFailedAttempts, lockoutDuration, cancellationToken));

    public Task RecordSignInSuccessAsync(UserId userId, DateTimeOffset? lastLoginAt, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        var update = Builders<UserDocument>.Update.Set(d => d.FailedLoginCount, 0).Set(d => d.LockoutEnd, null);
        if (lastLoginAt is { } at)
        {
            update = update.Set(d => d.LastLoginAt, StoredTime.ToMilliseconds(at).UtcDateTime);
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
        // An account being erased (ADR 0055) is not found by any user read.
        var filter = Builders<UserDocument>.Filter.Eq(d => d.ErasingAt, null) & (emailContains is null
            ? Builders<UserDocument>.Filter.Empty
            : Builders<UserDocument>.Filter.Regex(d => d.NormalizedEmail,
                new BsonRegularExpression(System.Text.RegularExpressions.Regex.Escape(EmailAddress.Normalize(emailContains)))));
        var total = await Users.CountDocumentsAsync(filter, cancellationToken: cancellationToken);
        var documents = await Users.Find(filter).SortBy(d => d.Id).Skip((int)Math.Min(PagedList.Skip(page, pageSize), int.MaxValue)).Limit(pageSize).ToListAsync(cancellationToken);
        return new PagedList<User>([.. documents.Select(d => d.ToUser())], page, pageSize, total);
    });

    public Task<long> CountActiveAdminsAsync(CancellationToken cancellationToken) => MongoStore.MapOutage(() =>
        Users.CountDocumentsAsync(d => d.Roles.Contains(Role.Admin) && !d.Disabled, cancellationToken: cancellationToken));

    private static readonly FilterDefinition<UserDocument> NotActiveAdmin =
        Builders<UserDocument>.Filter.Where(d => d.Disabled || !d.Roles.Contains(Role.Admin));

    // Every field a user update may change, conditional on the version read (and on the stored state
    // <paramref name="stored"/>); true when it was stored.
    private async Task<bool> TryWriteAsync(User user, FilterDefinition<UserDocument> stored, CancellationToken cancellationToken)
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
        var result = await Users.UpdateOneAsync(Builders<UserDocument>.Filter.Where(d => d.Id == id && d.Version == version) & stored, update, cancellationToken: cancellationToken);
        return result.MatchedCount == 1;
    }
}
