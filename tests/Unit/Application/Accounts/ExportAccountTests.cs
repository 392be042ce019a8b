using System.Globalization;
using System.Text;
using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.ExportAccount;
using CleanAuth.Application.Accounts.ExportAccount.Parts;
using CleanAuth.Application.Accounts.Login;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Domain.Authors;
using CleanAuth.Domain.Books;
using CleanAuth.Domain.Users;
using CleanAuth.Tests.Unit.Fakes;

namespace CleanAuth.Tests.Unit.Application.Accounts;

/// <summary>The account export (ADR 0055) as the application writes it, each part into an in-memory archive.</summary>
public sealed class ExportAccountTests : IDisposable
{
    private const string Password = "vivid tundra marble quokka";
    private static readonly UserId Bob = UserId.From("000000000000000000000b0b");

    private readonly FakeApplication _app = new();
    private readonly User _alice;

    public ExportAccountTests()
    {
        _alice = _app.Users.Seed(TestUsers.Confirmed(TestUsers.New(password: Password)));
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task The_export_writes_every_part_in_order_with_the_users_own_data_only_and_logs_it()
    {
        await _app.Send(new LoginCommand(_alice.Email, Password));
        _app.SignInAs(_alice.Id);
        var lem = _app.Authors.Seed(Author.Create(AuthorId.From("a07000000000000000000001"), _alice.Id, PersonName.Create("Stanisław Lem"), "PL", true, TestUsers.Epoch));
        _app.Authors.Seed(Author.Create(AuthorId.From("a07000000000000000000002"), Bob, PersonName.Create("Not Theirs"), "UK", false, TestUsers.Epoch));
        var solaris = SeedBook(_alice.Id, "Solaris", 1, "image/png", lem.Id);
        var untitled = SeedBook(_alice.Id, "Untitled", 2, "image/webp");
        SeedBook(Bob, "Bob's", 3, "image/gif");

        var archive = await ExportAsync();

        archive.Names.Should().Equal(
            "account.json", "sessions.json", "activity.json", "authors.json", "books.json", $"covers/{untitled.Id}.webp", $"covers/{solaris.Id}.png");
        var account = archive.Json("account.json");
        account.GetProperty("id").GetString().Should().Be(_alice.Id.Value);
        archive.Text("account.json").ReplaceLineEndings("\n").Should().StartWith("{\n  \"id\": ", "the files are indented for a person to read");
        account.GetProperty("email").GetString().Should().Be(_alice.Email);
        account.GetProperty("name").GetString().Should().Be("Alice");
        account.GetProperty("emailConfirmed").GetBoolean().Should().BeTrue();
        account.GetProperty("twoFactorEnabled").GetBoolean().Should().BeFalse();
        account.GetProperty("lastLoginAt").GetDateTimeOffset().Should().Be(TestUsers.Epoch);
        account.EnumerateObject().Select(p => p.Name).Should().NotContain(["passwordHash", "securityStamp"]);
        archive.Json("sessions.json").EnumerateArray().Should().ContainSingle().Which.GetProperty("id").GetString().Should().NotBeNullOrEmpty();
        archive.Json("activity.json").EnumerateArray().Should().ContainSingle().Which.GetProperty("kind").GetString().Should().Be("signIn");
        var author = archive.Json("authors.json").EnumerateArray().Should().ContainSingle().Subject;
        (author.GetProperty("id").GetString(), author.GetProperty("name").GetString(), author.GetProperty("country").GetString(), author.GetProperty("bookerPrize").GetBoolean())
            .Should().Be((lem.Id.Value, "Stanisław Lem", "PL", true));
        var books = archive.Json("books.json").EnumerateArray().ToList();
        books.Select(b => b.GetProperty("title").GetString()).Should().Equal("Solaris", "Untitled");
        books[0].GetProperty("author").GetString().Should().Be("Stanisław Lem");
        Encoding.UTF8.GetString(archive[$"covers/{solaris.Id}.png"]).Should().Be("original 1");
        _app.SecurityEvents.Should().ContainSingle(e => e.EventId.Name == "AccountExported").Which["UserId"].Should().Be(_alice.Id.Value);
    }

    [Fact]
    public async Task A_two_factor_account_says_so()
    {
        await _app.TwoFactors.TryBeginSetupAsync(_alice.Id, "pending", default);
        await _app.TwoFactors.TryEnableAsync(_alice.Id, "pending", 1, [], TestUsers.Epoch, default);
        _app.SignInAs(_alice.Id);

        var archive = await ExportAsync();

        archive.Json("account.json").GetProperty("twoFactorEnabled").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Activity_is_read_past_a_full_page_of_500()
    {
        var log = new InMemoryActivityLog();
        for (var i = 0; i < 501; i++)
        {
            await log.RecordAsync(new ActivityEntry(i.ToString("x24", CultureInfo.InvariantCulture), _alice.Id, TestUsers.Epoch.AddMilliseconds(i), ActivityKind.SignIn, ActivityOutcome.Succeeded, null, null, null), 10, default);
        }

        var archive = new InMemoryExportArchive();
        await new ActivityPart(log).WriteAsync(_alice, archive, default);

        var entries = archive.Json("activity.json").EnumerateArray().ToList();
        entries.Should().HaveCount(501);
        archive.Text("activity.json").ReplaceLineEndings("\n").Should().StartWith("[\n  {\n    \"at\": ", "the files are indented for a person to read");
        entries[0].GetProperty("at").GetDateTimeOffset().Should().Be(TestUsers.Epoch.AddMilliseconds(500), "newest first");
        entries[^1].GetProperty("at").GetDateTimeOffset().Should().Be(TestUsers.Epoch);
    }

    [Fact]
    public async Task Covers_are_read_past_a_full_page_of_books_and_a_book_without_one_or_whose_file_is_gone_is_left_out()
    {
        // Newest first: the newest book (whose file is gone) is on the first, full page; the oldest with a cover on the second.
        var ids = Enumerable.Range(1, LibraryPages.PageSize + 1).Select(n => SeedBook(_alice.Id, $"Book {n}", n, "image/jpeg").Id).ToList();
        var bare = _app.Books.Seed(Book.Add(BookId.From("b00000000000000000000bae"), _alice.Id, BookTitle.Create("Imported"), "", BookCategory.Create("fantasy"), null, cover: null, TestUsers.Epoch));
        var gone = _app.Books.Stored(ids[^1])!.Cover!.Original.FileId;
        await _app.Covers.DeleteAsync(gone, default);

        var archive = new InMemoryExportArchive();
        await new CoversPart(_app.Books, _app.Covers).WriteAsync(_alice, archive, default);

        archive.Names.Should().HaveCount(LibraryPages.PageSize).And.OnlyContain(n => n.EndsWith(".jpg", StringComparison.Ordinal));
        archive.Names.Should().NotContain([$"covers/{ids[^1]}.jpg", $"covers/{bare.Id}.jpg"]);
        archive.Names.Should().Contain($"covers/{ids[0]}.jpg");
    }

    [Fact]
    public async Task A_list_reaches_the_archive_page_by_page_each_flushed_asynchronously()
    {
        var archive = new SingleStreamArchive();
        var betweenPages = new List<(long Length, int AsyncFlushes)>();

        async IAsyncEnumerable<IReadOnlyList<int>> Pages()
        {
            await Task.Yield();
            yield return [1, 2];
            betweenPages.Add((archive.Stream.Length, archive.Stream.AsyncFlushes));
            yield return [3];
        }

        await archive.WriteArrayAsync("numbers.json", Pages(), default);

        // The zip entry's stream sends on an asynchronous flush only (ZipExportArchive): each page is sent before the next is read.
        betweenPages.Should().ContainSingle().Which.Should().Match<(long Length, int AsyncFlushes)>(p => p.Length > 0 && p.AsyncFlushes == 1);
        archive.Stream.AsyncFlushes.Should().BeGreaterThan(1, "the last page is flushed too");
        System.Text.Json.JsonSerializer.Deserialize<int[]>(archive.Stream.ToArray()).Should().Equal(1, 2, 3);
    }

    [Fact]
    public async Task A_book_without_a_cover_does_not_stop_the_covers_of_older_books()
    {
        var older = SeedBook(_alice.Id, "Older", 1, "image/png");
        _app.Books.Seed(Book.Add(BookId.From("b00000000000000000000bae"), _alice.Id, BookTitle.Create("Imported"), "", BookCategory.Create("fantasy"), null, cover: null, TestUsers.Epoch.AddMinutes(2)));
        var newer = SeedBook(_alice.Id, "Newer", 3, "image/png");

        var archive = new InMemoryExportArchive();
        await new CoversPart(_app.Books, _app.Covers).WriteAsync(_alice, archive, default);

        archive.Names.Should().Equal($"covers/{newer.Id}.png", $"covers/{older.Id}.png");
    }

    [Fact]
    public void A_covers_extension_follows_its_type_and_anything_else_is_a_jpeg()
    {
        static string PathOf(string? type) => LibraryPages.CoverPath(Book.Add(
            BookId.From("000000000000000000000b01"), Bob, BookTitle.Create("T"), "", BookCategory.Create("science"), null,
            type is null ? null : new Cover(new StoredImage("f", type, "\"e\"", 1), TestBooks.Cover.Thumbnail, 1, 1), TestUsers.Epoch));

        PathOf("image/png").Should().Be("covers/000000000000000000000b01.png");
        PathOf("image/webp").Should().EndWith(".webp");
        PathOf("image/gif").Should().EndWith(".gif");
        PathOf("image/jpeg").Should().EndWith(".jpg");
        PathOf(null).Should().EndWith(".jpg");
    }

    [Fact]
    public async Task Sessions_are_the_live_ones_now()
    {
        await _app.Send(new LoginCommand(_alice.Email, Password));
        await _app.Send(new LoginCommand(_alice.Email, Password));
        var ended = (await _app.Tokens.ListSessionsAsync(_alice.Id, _app.Clock.GetUtcNow(), default))[0].Id;
        await _app.Tokens.EndSessionAsync(_alice.Id, ended, _app.Clock.GetUtcNow(), default);

        var archive = new InMemoryExportArchive();
        await new SessionsPart(_app.Tokens, _app.Clock).WriteAsync(_alice, archive, default);

        archive.Json("sessions.json").EnumerateArray().Should().ContainSingle().Which.GetProperty("id").GetString().Should().NotBe(ended);
    }

    private async Task<InMemoryExportArchive> ExportAsync()
    {
        var export = await _app.Send(new ExportAccountQuery());
        var archive = new InMemoryExportArchive();
        await export.WriteAsync(archive, default);
        return archive;
    }

    // One entry's stream, readable while the entry is being written.
    private sealed class SingleStreamArchive : IExportArchive
    {
        public CountingStream Stream { get; } = new();

        public Task AddAsync(string name, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken) => write(Stream, cancellationToken);
    }

    private sealed class CountingStream : MemoryStream
    {
        public int AsyncFlushes { get; private set; }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            AsyncFlushes++;
            return base.FlushAsync(cancellationToken);
        }
    }

    private Book SeedBook(UserId ownerId, string title, int n, string coverType, AuthorId? authorId = null)
    {
        var original = Encoding.UTF8.GetBytes($"original {n}");
        var cover = new Cover(
            new StoredImage(_app.Covers.Seed(original, coverType), coverType, $"\"o{n}\"", original.Length),
            new StoredImage(_app.Covers.Seed([1, 2, 3], "image/jpeg"), "image/jpeg", $"\"t{n}\"", 3),
            400,
            600);
        var id = BookId.From("b00" + n.ToString("x21", CultureInfo.InvariantCulture));
        return _app.Books.Seed(Book.Add(id, ownerId, BookTitle.Create(title), "", BookCategory.Create("fantasy"), authorId, cover, TestUsers.Epoch.AddMinutes(n)));
    }
}
