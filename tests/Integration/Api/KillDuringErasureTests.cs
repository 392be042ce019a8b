using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CleanAuth.Tests.Integration.Support;
using Microsoft.Data.Sqlite;
using MongoDB.Bson;
using MongoDB.Driver;
using Xunit.Abstractions;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>
/// The API process is killed with SIGKILL in the middle of an erasure (ADR 0055): after the mark is stored, while
/// thousands of books and covers are still there (on SQLite a test trigger holds them back until the kill). After a restart the background sweep completes the
/// erasure: nothing of the account is left but its notice, and the address registers again. Once per store: the
/// embedded file, and the Mongo-wire server (which outlives the killed API, as a MongoDB does).
/// </summary>
public sealed class KillDuringErasureTests(ITestOutputHelper output)
{
    private const string Password = "correct horse battery staple";
    private const int SeededBooks = 3000;

    [Fact]
    public async Task An_erasure_killed_part_way_is_completed_by_the_sweep_after_a_restart()
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "cleanauth-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Storage:DataPath"] = dataPath,
            ["Jwt:SigningKey"] = ApiProcess.NewSigningKey(),
            ["RateLimits:Enabled"] = "false",
        };
        try
        {
            var (userId, email, token) = await AccountWithOneBookAsync(settings);
            SeedBooks(dataPath, userId, SeededBooks);
            var owned = StoreScan.OwnedValues(StoreScan.EmbeddedRows(dataPath), userId, email);
            // On a quiet machine the whole erasure takes less than two polls of the file, so the kill could come after
            // it: a trigger holds the account's books back, and the kill always lands after the mark, part way.
            Execute(dataPath, $"CREATE TRIGGER test_hold_books BEFORE DELETE ON books WHEN OLD.OwnerId = '{userId}' BEGIN SELECT RAISE(ABORT, 'held by the test'); END");

            var api = await ApiProcess.StartAsync(settings);
            using (var client = api.CreateClient())
            {
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                var erasing = client.PostAsJsonAsync("/api/users/me/erase", new { password = Password });
                var clock = Stopwatch.StartNew();
                while (!IsMarked(dataPath, userId) && clock.Elapsed < TimeSpan.FromSeconds(60))
                {
                    await Task.Yield();
                }

                await api.DisposeAsync();
                await erasing.ContinueWith(_ => { }, TaskScheduler.Default);
            }

            var booksLeft = Count(dataPath, "SELECT count(*) FROM books WHERE OwnerId = @id", userId);
            output.WriteLine($"Killed after the mark: the account's row {(IsMarked(dataPath, userId) ? "is there, marked" : "is gone")}, {booksLeft} of {SeededBooks + 1} books left");
            IsMarked(dataPath, userId).Should().BeTrue("the kill came before the erasure finished (else this test proves nothing)");
            Execute(dataPath, "DROP TRIGGER test_hold_books");

            var restarted = await ApiProcess.StartAsync(settings);
            await using (restarted)
            {
                var clock = Stopwatch.StartNew();
                while (Count(dataPath, "SELECT count(*) FROM users WHERE Id = @id", userId) > 0 && clock.Elapsed < TimeSpan.FromSeconds(60))
                {
                    await Task.Delay(20);
                }

                await ShouldBeCompletedAsync(restarted, StoreScan.EmbeddedRows(dataPath), owned, userId, email);
            }

            EmbeddedData.Strings(dataPath, "PRAGMA integrity_check").Should().Equal("ok");
        }
        finally
        {
            if (Directory.Exists(dataPath))
            {
                Directory.Delete(dataPath, recursive: true);
            }
        }
    }

    [Fact]
    public async Task On_MongoDB_an_erasure_killed_part_way_is_completed_by_the_sweep_after_a_restart()
    {
        await using var server = await MongoWireServer.StartAsync();
        var connectionString = server.ConnectionString("killerase");
        var database = new MongoClient(connectionString).GetDatabase("killerase");
        using var dataFolder = new TempFolder("cleanauth-kill-erase-");
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ConnectionStrings:Mongo"] = connectionString,
            ["Storage:DataPath"] = dataFolder.Path,
            ["Jwt:SigningKey"] = ApiProcess.NewSigningKey(),
            ["RateLimits:Enabled"] = "false",
        };

        var (userId, email, token) = await AccountWithOneBookAsync(settings);
        await SeedBooksAsync(database, userId, SeededBooks);
        var owned = StoreScan.OwnedValues(await StoreScan.MongoRowsAsync(database), userId, email);
        var user = Builders<BsonDocument>.Filter.Eq("_id", ObjectId.Parse(userId));
        var marked = user & Builders<BsonDocument>.Filter.Ne("erasingAt", BsonNull.Value) & Builders<BsonDocument>.Filter.Exists("erasingAt");
        var users = database.GetCollection<BsonDocument>("users");

        var api = await ApiProcess.StartAsync(settings);
        using (var client = api.CreateClient())
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var erasing = client.PostAsJsonAsync("/api/users/me/erase", new { password = Password });
            var clock = Stopwatch.StartNew();
            while (await users.CountDocumentsAsync(marked) == 0 && clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Yield();
            }

            await api.DisposeAsync();
            await erasing.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        var booksLeft = await database.GetCollection<BsonDocument>("books").CountDocumentsAsync(Builders<BsonDocument>.Filter.Eq("ownerId", userId) | Builders<BsonDocument>.Filter.Eq("ownerId", ObjectId.Parse(userId)));
        output.WriteLine($"Killed after the mark: {booksLeft} of {SeededBooks + 1} books left");
        (await users.CountDocumentsAsync(marked)).Should().Be(1, "the kill came before the erasure finished (else this test proves nothing)");

        var restarted = await ApiProcess.StartAsync(settings);
        await using (restarted)
        {
            var clock = Stopwatch.StartNew();
            while (await users.CountDocumentsAsync(user) > 0 && clock.Elapsed < TimeSpan.FromSeconds(120))
            {
                await Task.Delay(50);
            }

            await ShouldBeCompletedAsync(restarted, await StoreScan.MongoRowsAsync(database), owned, userId, email);
        }
    }

    // After the restart, on either store: only the erasure notice is left of the account, the sweep logged it, and the
    // address cannot sign in but registers again.
    private static async Task ShouldBeCompletedAsync(ApiProcess restarted, IReadOnlyList<StoredRow> rows, HashSet<string> owned, string userId, string email)
    {
        var leftovers = rows.Where(r => r.Values.Any(owned.Contains)).ToList();
        leftovers.Should().ContainSingle("the sweep completed the erasure: {0}", string.Join("; ", leftovers.Take(5)))
            .Which.Values.Should().Contain([userId, "AccountErased"]);
        (await restarted.LoggedAsync(e => e.Str("EventName") == "AccountErasureCompleted", TimeSpan.FromSeconds(30))).Should().BeTrue("the sweep logs the erasure it completed");

        using var client = restarted.CreateClient();
        (await client.PostAsJsonAsync("/api/auth/login", new { email, password = Password })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.PostAsJsonAsync("/api/auth/register", new { name = "Again", email, password = Password })).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    private static async Task<(string UserId, string Email, string Token)> AccountWithOneBookAsync(IReadOnlyDictionary<string, string> settings)
    {
        await using var api = await ApiProcess.StartAsync(settings);
        using var client = api.CreateClient();
        var email = $"kill-erase-{Guid.NewGuid():N}@example.com";
        var registered = await client.PostAsJsonAsync("/api/auth/register", new { name = "Leaving", email, password = Password });
        var userId = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = Password });
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await client.PostAsync("/api/books", BookClient.Form("The first", "d", "science", cover: TestImages.Jpeg(800, 600)))).EnsureSuccessStatusCode();
        return (userId, email, token);
    }

    // Copies of the one real book, each with cover and thumbnail rows of its own (20 KB each), written straight into
    // the file while the API is stopped: a library large enough that deleting it takes a while.
    private static void SeedBooks(string dataPath, string userId, int count)
    {
        using var connection = Open(dataPath, SqliteOpenMode.ReadWrite);
        using var transaction = connection.BeginTransaction();
        var blob = new byte[20_000];
        Random.Shared.NextBytes(blob);
        for (var i = 0; i < count; i++)
        {
            var (book, cover, thumbnail) = (Id(), Id(), Id());
            using var command = connection.CreateCommand();
            command.CommandText =
                "INSERT INTO covers (Id, ContentType, Content) VALUES (@cover, 'image/jpeg', @blob), (@thumbnail, 'image/jpeg', @blob); " +
                "INSERT INTO books SELECT @book, OwnerId, @title, lower(@title), Description, Category, AuthorId, @cover, CoverContentType, CoverETag, CoverLength, " +
                "@thumbnail, ThumbnailContentType, ThumbnailETag, ThumbnailLength, CoverWidth, CoverHeight, CreatedAt, UpdatedAt, Version FROM books WHERE OwnerId = @owner LIMIT 1";
            command.Parameters.AddWithValue("@book", book);
            command.Parameters.AddWithValue("@cover", cover);
            command.Parameters.AddWithValue("@thumbnail", thumbnail);
            command.Parameters.AddWithValue("@title", $"Seeded {i}");
            command.Parameters.AddWithValue("@owner", userId);
            command.Parameters.AddWithValue("@blob", blob);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    // Copies of the one real book document, each under a title of its own; they share its cover files, which the
    // erasure deletes once and then finds gone (as after an interrupted run).
    private static async Task SeedBooksAsync(IMongoDatabase database, string userId, int count)
    {
        var books = database.GetCollection<BsonDocument>("books");
        var original = await books.Find(Builders<BsonDocument>.Filter.Eq("ownerId", userId)).FirstAsync();
        var copies = Enumerable.Range(0, count).Select(i =>
        {
            var copy = original.DeepClone().AsBsonDocument;
            copy["_id"] = ObjectId.GenerateNewId();
            copy["title"] = $"Seeded {i}";
            copy["normalizedTitle"] = $"seeded {i}";
            return copy;
        });
        await books.InsertManyAsync(copies);
    }

    private static bool IsMarked(string dataPath, string userId) =>
        Count(dataPath, "SELECT count(*) FROM users WHERE Id = @id AND ErasingAt IS NOT NULL", userId) == 1;

    private static long Count(string dataPath, string sql, string userId)
    {
        using var connection = Open(dataPath, SqliteOpenMode.ReadOnly);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@id", userId);
        return (long)command.ExecuteScalar()!;
    }

    private static void Execute(string dataPath, string sql)
    {
        using var connection = Open(dataPath, SqliteOpenMode.ReadWrite);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static SqliteConnection Open(string dataPath, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataPath, CleanAuth.Infrastructure.Persistence.Embedded.SqliteStore.FileName),
            Mode = mode,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static string Id() => new CleanAuth.Infrastructure.Persistence.ObjectIdGenerator().NewId();
}
