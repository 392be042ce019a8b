using CleanAuth.Domain.Books;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence.Embedded;
using CleanAuth.Infrastructure.Security;
using Microsoft.Extensions.Options;
using MongoDB.Bson;

namespace CleanAuth.Benchmarks;

/// <summary>
/// Fills an embedded store for the growth benchmarks: <c>users</c> users in all, the first of them
/// (bench@example.com) owning <c>mine</c> books, and <c>others</c> books spread over the other users.
/// Rows are bulk-inserted, 20,000 a transaction, through the store's own insert statements (going through the API
/// would spend hours hashing a million passwords); every user gets the same hash of the bench password.
/// </summary>
public static class GrowthSeed
{
    public const string Email = "bench@example.com";
    public const string Password = "correct horse battery staple";
    private const int Batch = 20_000;

    public static void Run(string dataPath, int users, int mine, int others)
    {
        using var store = new SqliteStore(dataPath);
        var hash = new IdentityPasswordHasher(Options.Create(new PasswordOptions())).Hash(Password);
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        var cover = new Cover(
            new StoredImage(ObjectId.GenerateNewId().ToString(), "image/jpeg", "\"seed\"", 1),
            new StoredImage(ObjectId.GenerateNewId().ToString(), "image/jpeg", "\"seed-t\"", 1), 1200, 1800);

        var userIds = new List<string>(users);
        Insert(store, Enumerable.Range(0, users).Select(i =>
        {
            var id = ObjectId.GenerateNewId().ToString();
            userIds.Add(id);
            var email = i == 0 ? Email : $"user{i}@example.com";
            return User.Register(UserId.From(id), PersonName.Create($"User {i}"), EmailAddress.Create(email), hash, start.AddMilliseconds(i));
        }).ToList(), SqliteUserRepository.Insert);

        Book NewBook(string ownerId, int i) => Book.Add(BookId.From(ObjectId.GenerateNewId().ToString()), UserId.From(ownerId), BookTitle.Create($"Book {i}"), "A seeded book.",
            BookCategory.Create(BookCategory.All[i % BookCategory.All.Count]), null, cover, start.AddSeconds(i));

        Insert(store, Enumerable.Range(0, mine).Select(i => NewBook(userIds[0], i)), SqliteBookRepository.Insert);
        Insert(store, Enumerable.Range(0, others).Select(i => NewBook(userIds[1 + (i % Math.Max(1, users - 1))], i)), SqliteBookRepository.Insert);
        Console.WriteLine($"seeded {dataPath}: {users} users, {mine} books for {Email}, {others} books of others");
    }

    private static void Insert<T>(SqliteStore store, IEnumerable<T> rows, Action<Microsoft.Data.Sqlite.SqliteConnection, T> insert)
    {
        foreach (var chunk in rows.Chunk(Batch))
        {
            store.InTransaction((connection, _) =>
            {
                foreach (var row in chunk)
                {
                    insert(connection, row);
                }

                return true;
            });
        }
    }
}
