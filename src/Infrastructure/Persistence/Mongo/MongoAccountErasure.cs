using System.Security.Cryptography;
using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Email;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence.Mongo.Documents;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CleanAuth.Infrastructure.Persistence.Mongo;

/// <summary>Erasing an account on MongoDB (ADR 0055); the steps are <see cref="IAccountErasure"/>'s.</summary>
public sealed class MongoAccountErasure(MongoStore store, TimeProvider timeProvider) : IAccountErasure
{
    /// <summary>Books (with their GridFS files) deleted per round.</summary>
    public const int BookBatch = 100;

    /// <summary>
    /// Every collection that holds documents of an account, one line each: the collection and the field naming the
    /// account (matched as an ObjectId or a string, whichever the collection keeps). The library goes first, book by
    /// book with its GridFS files (which name no owner); the account's document last. A new collection holding an
    /// account's documents is a line here, or the erasure test, which lists the database's collections, fails.
    /// </summary>
    internal static readonly (string Collection, string Field)[] OwnedCollections =
    [
        ("authors", "ownerId"),
        ("refreshTokens", "userId"),
        ("refreshFamilies", "userId"),
        ("emailConfirmationCodes", "_id"),
        ("passwordResetCodes", "_id"),
        ("twoFactor", "_id"),
        ("activity", "userId"),
        ("passkeys", "userId"),
        ("passkeyCeremonies", "userId"),
    ];

    private const int MarkAttempts = 3;

    // The last-administrator rule as every other removal keeps it on MongoDB (MongoActiveAdmins): the count is taken
    // down first, then the user written conditionally on the version read; if that write loses, the count is given back.
    public Task<ErasureMark> TryMarkAsync(UserId userId, DateTimeOffset now, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        var id = userId.Value;
        for (var attempt = 1; attempt <= MarkAttempts; attempt++)
        {
            var user = await store.Users.Find(d => d.Id == id && d.ErasingAt == null).FirstOrDefaultAsync(cancellationToken);
            if (user is null)
            {
                return ErasureMark.NotFound;
            }

            var activeAdmin = user.Roles.Contains(Role.Admin) && !user.Disabled;
            if (activeAdmin && !await MongoActiveAdmins.TryTakeOneAsync(store, cancellationToken))
            {
                return ErasureMark.LastActiveAdministrator;
            }

            var version = user.Version;
            var update = Builders<UserDocument>.Update
                .Set(d => d.Disabled, true)
                .Set(d => d.ErasingAt, StoredTime.ToMilliseconds(now).UtcDateTime)
                .Set(d => d.SecurityStamp, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)))
                .Set(d => d.UpdatedAt, StoredTime.ToMilliseconds(now).UtcDateTime)
                .Set(d => d.Version, version + 1);
            var written = await store.Users.UpdateOneAsync(d => d.Id == id && d.Version == version && d.ErasingAt == null, update, cancellationToken: cancellationToken);
            if (written.MatchedCount == 1)
            {
                return ErasureMark.Marked;
            }

            if (activeAdmin)
            {
                await MongoActiveAdmins.AddOneAsync(store, CancellationToken.None);
            }
        }

        throw new AccountChangedException();
    });

    public Task<IReadOnlyList<User>> FindMarkedAsync(int max, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        var marked = await store.Users.Find(Builders<UserDocument>.Filter.Ne(d => d.ErasingAt, null))
            .SortBy(d => d.ErasingAt).Limit(max).ToListAsync(cancellationToken);
        return (IReadOnlyList<User>)[.. marked.Select(d => d.ToUser())];
    });

    public Task DeleteOwnedDataAsync(User user, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        var owner = user.Id.Value;
        List<BookDocument> books;
        do
        {
            // Files first, then their books: a crash in between leaves books whose files are gone, found again next time.
            books = await store.Books.Find(b => b.OwnerId == owner).Limit(BookBatch).ToListAsync(cancellationToken);
            foreach (var cover in books.Select(b => b.Cover).OfType<CoverDocument>())
            {
                await DeleteFileAsync(cover.Original.FileId, cancellationToken);
                await DeleteFileAsync(cover.Thumbnail.FileId, cancellationToken);
            }

            var ids = books.Select(b => b.Id).ToList();
            await store.Books.DeleteManyAsync(b => ids.Contains(b.Id), cancellationToken);
        }
        while (books.Count == BookBatch);

        var either = new BsonArray { ObjectId.Parse(owner), owner };
        foreach (var (collection, field) in OwnedCollections)
        {
            await store.Database.GetCollection<BsonDocument>(collection).DeleteManyAsync(Builders<BsonDocument>.Filter.In(field, either), cancellationToken);
        }

        // Mail still waiting for the address (a code, say) goes too; the erasure's own notice, under the account's id, stays.
        var noticeId = ObjectId.Parse(owner);
        await store.EmailOutbox.DeleteManyAsync(d => d.ToAddress == user.Email && d.Id != noticeId, cancellationToken);
    });

    // The notice first (once: an upsert keyed by the account's id), then the account: a crash between the two leaves the
    // marked account, and the sweep finds the notice already there.
    public Task DeleteAccountAsync(UserId userId, EmailMessage notice, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        var id = userId.Value;
        if (!await store.Users.Find(d => d.Id == id && d.ErasingAt != null).AnyAsync(cancellationToken))
        {
            return;
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var noticeId = ObjectId.Parse(id);
        await store.EmailOutbox.UpdateOneAsync(
            d => d.Id == noticeId,
            Builders<MongoOutboxDocument>.Update
                .SetOnInsert(d => d.Kind, notice.Kind).SetOnInsert(d => d.ToAddress, notice.ToAddress).SetOnInsert(d => d.ToName, notice.ToName)
                .SetOnInsert(d => d.Subject, notice.Subject).SetOnInsert(d => d.TextBody, notice.TextBody).SetOnInsert(d => d.HtmlBody, notice.HtmlBody)
                .SetOnInsert(d => d.EnqueuedAt, now).SetOnInsert(d => d.NextAttemptAt, now),
            new UpdateOptions { IsUpsert = true },
            cancellationToken);
        await store.Users.DeleteOneAsync(d => d.Id == id && d.ErasingAt != null, cancellationToken);
    });

    private async Task DeleteFileAsync(string fileId, CancellationToken cancellationToken)
    {
        if (!ObjectIds.TryParse(fileId, out var id))
        {
            return;
        }

        try
        {
            await store.Covers.DeleteAsync(id, cancellationToken);
        }
        catch (MongoDB.Driver.GridFS.GridFSFileNotFoundException)
        {
            // Deleted by an earlier, interrupted run.
        }
    }
}
