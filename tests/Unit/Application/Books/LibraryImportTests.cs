using System.Text;
using CleanAuth.Application.Authors.Ports;
using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Books.ExportLibrary;
using CleanAuth.Application.Books.ImportLibrary;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Authors;
using CleanAuth.Domain.Books;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Library;
using CleanAuth.Tests.Unit.Fakes;
using NSubstitute;

namespace CleanAuth.Tests.Unit.Application.Books;

/// <summary>The library import and export (ADR 0057) over the in-memory stores.</summary>
public sealed class LibraryImportTests
{
    private readonly BookHandlerFixture _fixture = new();
    private readonly InMemoryBookRepository _books;
    private readonly LibraryImporter _importer;

    public LibraryImportTests()
    {
        _books = new InMemoryBookRepository { Authors = _fixture.Authors };
        _importer = new LibraryImporter(_books, _fixture.Authors, _fixture.Ids, _fixture.Clock);
    }

    private UserId Alice => _fixture.Alice.Id;

    [Fact]
    public async Task Each_row_is_in_or_out_on_its_own_with_the_reason_for_each_row_left_out()
    {
        _books.Seed(TestBooks.New(id: "000000000000000000000b99", ownerId: _fixture.AliceId, title: "Owned Already"));
        var rows = new[]
        {
            Row(2, "Dune", category: "science"),
            Row(3, " dune ", category: "science"), // the same title, earlier in the file
            Row(4, "owned already", category: "science"),
            Row(5, "", category: "science"),
            Row(6, "Long", category: "science", description: new string('d', BookRules.MaxDescriptionLength + 1)),
            Row(7, "Nowhere"),
            Row(8, "Hidden", author: "Bad\u200BName", category: "science"),
            Row(9, "Fits", category: "science", description: " " + new string('d', BookRules.MaxDescriptionLength) + " "),
        };

        var report = await _importer.ImportAsync(Alice, rows, null, default);

        (report.Imported, report.Skipped, report.Failed, report.StoppedAtRow).Should().Be((2, 2, 4, (int?)null));
        report.Errors.Select(e => (e.Row, e.Field)).Should().Equal((5, "title"), (6, "description"), (7, "category"), (8, "author"));
        report.Errors[1].Message.Should().Be($"Description must be at most {BookRules.MaxDescriptionLength} characters.");
        report.Errors[2].Message.Should().StartWith("No shelf names a category and no defaultCategory was given; categories: romance, poetry");
        _books.Count.Should().Be(3);
        _fixture.Authors.Count.Should().Be(0, "no row named a valid author");
    }

    [Fact]
    public async Task The_category_comes_from_the_row_then_its_shelves_then_the_default()
    {
        var rows = new[]
        {
            Row(2, "Own", category: " Horror ", shelves: ["poetry"]),
            Row(3, "Shelved", shelves: ["to-read", "picture-book", "poetry"]),
            Row(4, "Underscored", shelves: ["picture_book"]),
            Row(5, "Defaulted", shelves: ["to-read"]),
        };

        var report = await _importer.ImportAsync(Alice, rows, "fantasy", default);

        report.Imported.Should().Be(4);
        (await Listed()).Select(b => (b.Title, b.Category)).Should().BeEquivalentTo(
            [("Own", "horror"), ("Shelved", "picture book"), ("Underscored", "picture book"), ("Defaulted", "fantasy")]);
    }

    [Fact]
    public async Task Authors_are_matched_by_name_ignoring_case_else_created_once()
    {
        var lem = _fixture.SeedAuthor("Stanisław Lem");
        _fixture.SeedAuthor("stanisław lem");
        var rows = new[]
        {
            Row(2, "Solaris", author: " STANISŁAW LEM ", category: "science"),
            Row(3, "Dune", author: "Frank Herbert", category: "science"),
            Row(4, "Children of Dune", author: "frank herbert", category: "science"),
            Row(5, "Anonymous", author: "  ", category: "science"),
        };

        var report = await _importer.ImportAsync(Alice, rows, null, default);

        report.Imported.Should().Be(4);
        var authors = await _fixture.Authors.ListAsync(Alice, default);
        var herbert = authors.Should().ContainSingle(a => a.Name == "Frank Herbert").Subject;
        var books = await Listed();
        books.Single(b => b.Title == "Solaris").AuthorId.Should().Be(lem.Id, "the first of two authors with one name");
        books.Where(b => b.Title.Contains("Dune", StringComparison.Ordinal)).Should().OnlyContain(b => b.AuthorId == herbert.Id);
        books.Single(b => b.Title == "Anonymous").AuthorId.Should().BeNull();
        books.Should().OnlyContain(b => b.Cover == null && b.CreatedAt == TestUsers.Epoch);
    }

    [Fact]
    public async Task Importing_the_same_rows_twice_changes_nothing_the_second_time()
    {
        var rows = new[] { Row(2, "Dune", author: "Frank Herbert", category: "science") };

        await _importer.ImportAsync(Alice, rows, null, default);
        var again = await _importer.ImportAsync(Alice, rows, null, default);

        (again.Imported, again.Skipped, again.Failed).Should().Be((0, 1, 0));
        _books.Count.Should().Be(1);
        _fixture.Authors.Count.Should().Be(1);
    }

    [Fact]
    public async Task An_author_made_only_for_a_row_that_was_skipped_is_not_kept()
    {
        _books.Seed(TestBooks.New(id: "000000000000000000000b99", ownerId: _fixture.AliceId, title: "Owned Already"));
        var rows = new[] { Row(2, "owned already", author: "Ursula Le Guin", category: "science"), Row(3, "Dune", author: "Frank Herbert", category: "science") };

        var report = await _importer.ImportAsync(Alice, rows, null, default);

        (report.Imported, report.Skipped).Should().Be((1, 1));
        var herbert = (await _fixture.Authors.ListAsync(Alice, default)).Should().ContainSingle().Subject;
        (herbert.Name, herbert.Country, herbert.BookerPrize).Should().Be(("Frank Herbert", "", false), "a file names an author and nothing more");
    }

    [Fact]
    public async Task A_batch_writes_at_once_only_the_new_authors_of_rows_it_stores_and_gives_back_only_those_no_stored_book_names()
    {
        var authors = Substitute.For<IAuthorRepository>();
        var anAuthor = AuthorId.From("000000000000000000000a01");
        authors.ListAsync(Alice, default).ReturnsForAnyArgs(Task.FromResult<IReadOnlyList<Author>>([]));
        authors.TryAddReferenceAsync(Alice, anAuthor, default).ReturnsForAnyArgs(true);
        authors.DeleteAsync(Alice, anAuthor, default).ReturnsForAnyArgs(AuthorDeletion.Deleted);
        var books = new InMemoryBookRepository { Authors = authors };
        books.Seed(TestBooks.New(id: "000000000000000000000b99", ownerId: _fixture.AliceId, title: "Owned Already"));
        var importer = new LibraryImporter(books, authors, _fixture.Ids, _fixture.Clock);
        var rows = new[]
        {
            Row(2, "Dune", author: "Frank Herbert", category: "science"),
            Row(3, "Nowhere", author: "Nobody Known"), // fails: no category
            Row(4, "owned already", author: "Ursula Le Guin", category: "science"), // skipped by the store
        };

        var report = await importer.ImportAsync(Alice, rows, null, default);
        await importer.ImportAsync(Alice, [Row(2, "Anonymous", category: "science")], null, default);

        (report.Imported, report.Skipped, report.Failed).Should().Be((1, 1, 1));
        var written = authors.ReceivedCalls().Where(c => c.GetMethodInfo().Name == nameof(IAuthorRepository.AddManyAsync))
            .Select(c => (IReadOnlyList<Author>)c.GetArguments()[0]!).ToList();
        written.Should().ContainSingle("a batch naming no new author writes none").Which.Select(a => a.Name).Should().Equal("Frank Herbert", "Ursula Le Guin");
        var leGuin = written[0][1].Id;
        authors.ReceivedCalls().Where(c => c.GetMethodInfo().Name == nameof(IAuthorRepository.DeleteAsync))
            .Select(c => (AuthorId)c.GetArguments()[1]!).Should().Equal(leGuin);
    }

    [Fact]
    public async Task A_store_outage_stops_at_the_first_row_of_the_batch_it_could_not_store()
    {
        var books = Substitute.For<IBookRepository>();
        var calls = 0;
        books.ImportAsync(Arg.Any<IReadOnlyList<Book>>(), Arg.Any<CancellationToken>()).Returns(call =>
            ++calls == 1
                ? Task.FromResult<IReadOnlyList<ImportOutcome>>([.. call.Arg<IReadOnlyList<Book>>().Select(_ => ImportOutcome.Stored)])
                : throw new StorageUnavailableException("down", new TimeoutException()));
        var rows = Enumerable.Range(0, LibraryImporter.BatchSize + 2).Select(i => Row(i + 2, $"Book {i}", category: "science")).ToList();

        var report = await new LibraryImporter(books, _fixture.Authors, _fixture.Ids, _fixture.Clock).ImportAsync(Alice, rows, null, default);

        (report.Imported, report.Failed, report.StoppedAtRow).Should().Be((LibraryImporter.BatchSize, 0, LibraryImporter.BatchSize + 2));
    }

    [Fact]
    public async Task A_book_whose_new_author_was_deleted_meanwhile_fails_on_author()
    {
        var books = Substitute.For<IBookRepository>();
        books.ImportAsync(Arg.Any<IReadOnlyList<Book>>(), Arg.Any<CancellationToken>())
            .Returns(Task.FromResult<IReadOnlyList<ImportOutcome>>([ImportOutcome.Stored, ImportOutcome.TitleTaken, ImportOutcome.NoSuchAuthor]));
        var rows = new[] { Row(2, "A", category: "science"), Row(3, "B", category: "science"), Row(4, "C", author: "Gone", category: "science") };

        var report = await new LibraryImporter(books, _fixture.Authors, _fixture.Ids, _fixture.Clock).ImportAsync(Alice, rows, null, default);

        (report.Imported, report.Skipped, report.Failed).Should().Be((1, 1, 1));
        report.Errors.Should().ContainSingle().Which.Should().Be(new ImportRowError(4, "author", "The author was deleted meanwhile."));
    }

    [Fact]
    public async Task At_most_a_thousand_errors_are_reported_and_every_failure_is_counted()
    {
        var rows = Enumerable.Range(0, LibraryImporter.MaxReportedErrors + 1).Select(i => Row(i + 2, "")).ToList();

        var report = await _importer.ImportAsync(Alice, rows, "science", default);

        report.Failed.Should().Be(LibraryImporter.MaxReportedErrors + 1);
        report.Errors.Should().HaveCount(LibraryImporter.MaxReportedErrors);
    }

    [Fact]
    public async Task The_handler_refuses_a_file_of_too_many_rows_and_reports_where_an_unreadable_file_broke_and_the_ignored_columns()
    {
        var csv = Substitute.For<ILibraryCsv>();
        var upload = new FakeUpload("x"u8.ToArray());
        var handler = new ImportLibraryCommandHandler(_fixture.CurrentUser, csv, _importer);
        csv.Read(Arg.Any<Stream>(), ImportLibraryCommand.MaxRows).Returns(
            new LibraryCsvFile(LibraryFileFormat.Goodreads, [], [.. Enumerable.Range(0, ImportLibraryCommand.MaxRows + 1).Select(i => Row(i + 2, "T"))], null));
        var tooMany = () => handler.Handle(new ImportLibraryCommand(upload, null), default);
        (await tooMany.Should().ThrowAsync<ValidationException>()).Which.Errors["file"].Should().Equal($"A library file has at most {ImportLibraryCommand.MaxRows:N0} rows.");
        _books.Count.Should().Be(0);

        csv.Read(Arg.Any<Stream>(), ImportLibraryCommand.MaxRows).Returns(
            new LibraryCsvFile(LibraryFileFormat.Goodreads, ["Rating"], [.. Enumerable.Range(0, ImportLibraryCommand.MaxRows).Select(i => Row(i + 2, ""))], 10_002));
        var report = await handler.Handle(new ImportLibraryCommand(upload, "science"), default);

        (report.Failed, report.StoppedAtRow).Should().Be((ImportLibraryCommand.MaxRows, 10_002), "exactly the most rows are read");
        report.IgnoredColumns.Should().Equal("Rating");
    }

    [Fact]
    public async Task The_handler_reports_the_row_of_a_store_outage_before_the_later_row_where_the_file_broke()
    {
        var csv = Substitute.For<ILibraryCsv>();
        csv.Read(Arg.Any<Stream>(), ImportLibraryCommand.MaxRows).Returns(
            new LibraryCsvFile(LibraryFileFormat.Goodreads, [], [Row(2, "Dune", category: "science")], 3));
        var books = Substitute.For<IBookRepository>();
        books.ImportAsync(Arg.Any<IReadOnlyList<Book>>(), Arg.Any<CancellationToken>())
            .Returns(Task.FromException<IReadOnlyList<ImportOutcome>>(new StorageUnavailableException("down", new TimeoutException())));
        var handler = new ImportLibraryCommandHandler(_fixture.CurrentUser, csv, new LibraryImporter(books, _fixture.Authors, _fixture.Ids, _fixture.Clock));

        var report = await handler.Handle(new ImportLibraryCommand(new FakeUpload("x"u8.ToArray()), null), default);

        (report.Imported, report.StoppedAtRow).Should().Be((0, (int?)2));
    }

    [Fact]
    public void The_validator_wants_a_non_empty_file_and_a_known_default_category_when_one_is_given()
    {
        var validator = new ImportLibraryCommandValidator();

        validator.Validate(new ImportLibraryCommand(new FakeUpload([1]), null)).IsValid.Should().BeTrue();
        validator.Validate(new ImportLibraryCommand(new FakeUpload([1]), " ")).IsValid.Should().BeTrue();
        validator.Validate(new ImportLibraryCommand(new FakeUpload([1]), "Fantasy")).IsValid.Should().BeTrue();
        validator.Validate(new ImportLibraryCommand(new FakeUpload([1]), "cooking")).IsValid.Should().BeFalse();
        validator.Validate(new ImportLibraryCommand(null, null)).Errors.Should().ContainSingle().Which.ErrorMessage.Should().Be("A CSV file is required.");
        validator.Validate(new ImportLibraryCommand(new FakeUpload([]), null)).Errors.Should().ContainSingle().Which.ErrorMessage.Should().Be("The file is empty.");
    }

    [Fact]
    public async Task The_export_reads_the_whole_library_oldest_first_past_a_full_page_with_author_names()
    {
        var lem = _fixture.SeedAuthor("Stanisław Lem");
        for (var i = 0; i <= LibraryReader.PageSize; i++)
        {
            _fixture.Books.Seed(TestBooks.New(id: (0xb00000 + i).ToString("x24", System.Globalization.CultureInfo.InvariantCulture), ownerId: _fixture.AliceId,
                title: $"Book {i}", authorId: i == 0 ? lem.Id.Value : null, createdAt: TestUsers.Epoch.AddMinutes(LibraryReader.PageSize - i)));
        }

        _fixture.Books.Seed(TestBooks.New(id: "000000000000000000000fff", ownerId: BookHandlerFixture.OtherOwnerId, title: "Theirs"));

        var books = await new LibraryReader(_fixture.Books, _fixture.Authors).ReadAsync(Alice, default).ToListAsync();

        books.Should().HaveCount(LibraryReader.PageSize + 1);
        books[0].Title.Should().Be($"Book {LibraryReader.PageSize}");
        books[^1].Should().Be(new LibraryBook("Book 0", "", "science", "Stanisław Lem", TestUsers.Epoch.AddMinutes(LibraryReader.PageSize), TestUsers.Epoch.AddMinutes(LibraryReader.PageSize)));
        books.Skip(1).Take(3).Should().OnlyContain(b => b.Author == null);
    }

    [Theory]
    [InlineData(null, "text/csv; charset=utf-8", "books.csv")]
    [InlineData("csv", "text/csv; charset=utf-8", "books.csv")]
    [InlineData("json", "application/json", "books.json")]
    public async Task The_export_is_csv_unless_json_is_asked_for(string? format, string contentType, string fileName)
    {
        _fixture.SeedBook("Dune");
        var handler = new ExportLibraryQueryHandler(_fixture.CurrentUser, new LibraryReader(_fixture.Books, _fixture.Authors), new SepLibraryCsv());

        var export = await handler.Handle(new ExportLibraryQuery(format), default);
        using var body = new MemoryStream();
        await export.WriteAsync(body, default);

        (export.ContentType, export.FileName).Should().Be((contentType, fileName));
        var text = Encoding.UTF8.GetString(body.ToArray());
        text.Should().Contain("Dune");
        text.TrimStart('\uFEFF').StartsWith('[').Should().Be(format == "json");
    }

    [Fact]
    public async Task The_json_format_reads_back_what_it_wrote_past_a_flush()
    {
        var written = Enumerable.Range(0, 300).Select(i => new LibraryBook($"Book {i}", "d", "science", i % 2 == 0 ? null : "A", TestUsers.Epoch, TestUsers.Epoch)).ToList();
        using var stream = new MemoryStream();

        await LibraryJson.WriteAsync(stream, written.ToAsyncEnumerable(), default);
        stream.Position = 0;
        var read = await LibraryJson.ReadAsync(stream, default).ToListAsync();

        read.Should().Equal(written);
        new ExportLibraryQueryValidator().Validate(new ExportLibraryQuery("xml")).Errors.Should().ContainSingle().Which.ErrorMessage.Should().Be("format must be csv or json.");
        new ExportLibraryQueryValidator().Validate(new ExportLibraryQuery("json")).IsValid.Should().BeTrue();
        new ExportLibraryQueryValidator().Validate(new ExportLibraryQuery("csv")).IsValid.Should().BeTrue();
        new ExportLibraryQueryValidator().Validate(new ExportLibraryQuery(null)).IsValid.Should().BeTrue();
    }

    [Fact]
    public async Task The_json_format_reaches_the_stream_every_256_books_not_one_book_at_a_time_nor_only_at_the_end()
    {
        using var stream = new MemoryStream();
        var writtenBefore = new List<long>(); // What the stream held when each book was asked for.

        await LibraryJson.WriteAsync(stream, Books(), default);

        writtenBefore.Take(256).Should().AllBeEquivalentTo(0L);
        writtenBefore[256].Should().BePositive();
        writtenBefore.Skip(256).Take(256).Should().AllBeEquivalentTo(writtenBefore[256]);
        writtenBefore[512].Should().BeGreaterThan(writtenBefore[256]);
        stream.Length.Should().BeGreaterThan(writtenBefore[^1]);

        async IAsyncEnumerable<LibraryBook> Books()
        {
            for (var i = 0; i < 600; i++)
            {
                await Task.Yield();
                writtenBefore.Add(stream.Length);
                yield return new LibraryBook($"Book {i}", "d", "science", null, TestUsers.Epoch, TestUsers.Epoch);
            }
        }
    }

    private static LibraryCsvRow Row(int row, string title, string author = "", string description = "", string? category = null, string[]? shelves = null) =>
        new(row, title, author, description, category, shelves ?? []);

    private async Task<IReadOnlyList<Book>> Listed() => (await _books.ListAsync(Alice, new BookFilter(null, null, 1, 100), default)).Items;
}
