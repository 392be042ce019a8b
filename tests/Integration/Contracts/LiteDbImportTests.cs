using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Contracts;

/// <summary>
/// A data folder written by the LiteDB store (Fixtures/cleanauth.db, made through the API by the last LiteDB
/// version) is imported into SQLite on the first start: every account, session, book, cover and author is there.
/// </summary>
public sealed class LiteDbImportTests : IDisposable
{
    private const string Password = "correct horse battery staple";
    private const string LiteFile = "cleanauth.db";
    private const string Backup = "cleanauth.litedb-backup.db";
    private static readonly string Fixture = Path.Combine(RepositoryRoot.Path, "tests", "Integration", "Contracts", "Fixtures", LiteFile);

    [Fact]
    public async Task The_first_start_imports_every_account_book_cover_author_and_session_and_keeps_the_old_file_as_a_backup()
    {
        await using var api = ApiOverFixture();
        using var anonymous = api.CreateClient();

        (await anonymous.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
        var imported = api.Logs.Events.Single(e => e.Str("EventName") == "EmbeddedStoreImported");
        imported.Str("@l").Should().Be("Warning");
        (imported.GetProperty("Users").GetInt32(), imported.GetProperty("Books").GetInt32(), imported.GetProperty("Authors").GetInt32(), imported.GetProperty("Covers").GetInt32())
            .Should().Be((4, 4, 2, 8));
        File.Exists(Path.Combine(api.DataPath, Backup)).Should().BeTrue("the LiteDB file is kept beside the new one");
        File.Exists(Path.Combine(api.DataPath, LiteFile)).Should().BeFalse();

        using var ann = api.CreateClient(await api.LoginAsync("ANN@example.com", Password));
        var books = (await ann.GetFromJsonAsync<JsonElement>("/api/books")).GetProperty("items").EnumerateArray().ToList();
        books.Select(b => b.Str("title")).Should().Equal("Stars and Galaxies", "Poems", "Wolf Hall");
        var authors = (await ann.GetFromJsonAsync<JsonElement>("/api/authors")).EnumerateArray().ToList();
        authors.Select(a => a.Str("name")).Should().Equal("Hilary Mantel", "Zadie Smith");
        books.Single(b => b.Str("title") == "Wolf Hall").Str("authorId").Should().Be(authors[0].Str("id"));
        foreach (var book in books)
        {
            var cover = await ann.GetAsync(book.Str("coverUrl"));
            cover.StatusCode.Should().Be(HttpStatusCode.OK);
            (await cover.Content.ReadAsByteArrayAsync()).Length.Should().BeGreaterThan(0);
            (await ann.GetAsync(book.Str("thumbnailUrl"))).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        (await ann.PostAsync("/api/books", BookClient.Form("poems", "d", "poetry", cover: Images.TestImages.Jpeg(40, 40)))).StatusCode
            .Should().Be(HttpStatusCode.Conflict, "the unique title per owner holds for imported books");
        (await anonymous.PostAsJsonAsync("/api/auth/login", new { email = "ben@example.com", password = Password })).StatusCode
            .Should().Be(HttpStatusCode.Unauthorized, "Ben's account was disabled");
        (await anonymous.PostAsJsonAsync("/api/auth/register", new { name = "Again", email = "cid@EXAMPLE.com", password = Password })).StatusCode
            .Should().Be(HttpStatusCode.Conflict, "imported emails stay unique");
        using var admin = api.CreateClient(await api.LoginAsync("root@example.com", Password));
        var users = await admin.GetFromJsonAsync<JsonElement>("/api/admin/users");
        users.GetProperty("totalCount").GetInt32().Should().Be(4);

        var tokens = EmbeddedData.Rows(api.DataPath, "SELECT SpentAt, RevokedAt FROM refresh_tokens");
        tokens.Should().Contain(t => t["SpentAt"] != null, "the refreshed token stays spent (a replay is still detected)");
        tokens.Should().Contain(t => t["RevokedAt"] != null, "the logged-out family stays revoked");
        EmbeddedData.Strings(api.DataPath, "SELECT FailedLoginCount FROM users WHERE NormalizedEmail = 'CID@EXAMPLE.COM'").Should().Equal("2");
    }

    [Fact]
    public async Task A_second_start_does_not_import_again_and_keeps_what_was_written_after_the_first()
    {
        var dataPath = NewFolderWithFixture();
        await using (var first = CleanAuthApi.Embedded(new() { ["Storage:DataPath"] = dataPath }))
        {
            await first.SignUpAsync("After Import");
        }

        await using var second = CleanAuthApi.Embedded(new() { ["Storage:DataPath"] = dataPath });
        using var admin = second.CreateClient(await second.LoginAsync("root@example.com", Password));
        (await admin.GetFromJsonAsync<JsonElement>("/api/admin/users")).GetProperty("totalCount").GetInt32().Should().Be(5);
        second.Logs.Events.Should().NotContain(e => e.Str("EventName") == "EmbeddedStoreImported");
    }

    [Fact]
    public async Task A_start_that_stopped_between_writing_the_new_file_and_moving_the_old_one_finishes_the_move_without_importing_again()
    {
        var dataPath = NewFolderWithFixture();
        await using (var first = CleanAuthApi.Embedded(new() { ["Storage:DataPath"] = dataPath }))
        {
            await first.SignUpAsync("After Import");
        }

        // As if the process had died right after the import: the old file is still in its place.
        File.Move(Path.Combine(dataPath, Backup), Path.Combine(dataPath, LiteFile));
        await using var second = CleanAuthApi.Embedded(new() { ["Storage:DataPath"] = dataPath });
        using var admin = second.CreateClient(await second.LoginAsync("root@example.com", Password));

        (await admin.GetFromJsonAsync<JsonElement>("/api/admin/users")).GetProperty("totalCount").GetInt32().Should().Be(5, "the new file was kept, not replaced");
        File.Exists(Path.Combine(dataPath, Backup)).Should().BeTrue();
        File.Exists(Path.Combine(dataPath, LiteFile)).Should().BeFalse();
    }

    private readonly List<string> _folders = [];

    public void Dispose() => _folders.ForEach(folder => Directory.Delete(folder, recursive: true));

    private CleanAuthApi ApiOverFixture() => CleanAuthApi.Embedded(new() { ["Storage:DataPath"] = NewFolderWithFixture() });

    private string NewFolderWithFixture()
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "cleanauth-tests", Guid.NewGuid().ToString("N"));
        _folders.Add(dataPath);
        Directory.CreateDirectory(dataPath);
        File.Copy(Fixture, Path.Combine(dataPath, LiteFile));
        return dataPath;
    }
}
