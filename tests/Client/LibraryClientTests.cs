using System.Text;
using System.Text.Json;
using CleanAuth.Tests.Client.Generated;
using CleanAuth.Tests.Client.Generated.Models;
using CleanAuth.Tests.Client.Support;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using static CleanAuth.Tests.Client.Support.ClientProblems;

namespace CleanAuth.Tests.Client;

/// <summary>The library (issue 25) through the generated client: revisions as ETags, import, export, sorting and cursors.</summary>
public sealed class LibraryClientTests : IAsyncLifetime
{
    private const string GoodreadsHeader = "Book Id,Title,Author,Author l-f,Additional Authors,ISBN,ISBN13,My Rating,Bookshelves,Exclusive Shelf,My Review";

    private readonly ClientApi _api = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_book_carries_its_ETag_and_If_None_Match_with_it_is_a_304()
    {
        var (_, client) = await _api.SignedInAsync();
        var book = await client.Api.Books.PostAsync(RouteTourTests.BookForm(title: "Tagged", category: "poetry", cover: TestImages.Jpeg()));
        var headers = new HeadersInspectionHandlerOption { InspectResponseHeaders = true };

        var read = await client.Api.Books[book!.Id].GetAsync(r => r.Options.Add(headers));

        var etag = headers.ResponseHeaders["ETag"].Single();
        etag.Should().Be(read!.Etag).And.Be(book.Etag).And.StartWith("\"");
        (await client.Api.Books[book.Id].GetAsync(r => r.Headers.Add("If-None-Match", etag))).Should().BeNull("a 304 has no body");
        _api.Answered["GetBook"].Should().Contain(304);
        (await client.Api.Books[book.Id].GetAsync(r => r.Headers.Add("If-None-Match", "\"9000000000\"")))!.Title.Should().Be("Tagged", "another tag gets the book");
    }

    [Fact]
    public async Task A_stale_If_Match_is_a_412_naming_the_current_tag_and_the_current_tag_saves()
    {
        var (_, client) = await _api.SignedInAsync();
        var added = await client.Api.Books.PostAsync(RouteTourTests.BookForm(title: "First", category: "poetry", cover: TestImages.Jpeg()));
        var book = client.Api.Books[added!.Id];
        var edited = await book.PutAsync(RouteTourTests.BookForm(title: "Second"), r => r.Headers.Add("If-Match", added.Etag!));
        edited!.Etag.Should().NotBe(added.Etag, "every stored change is a new revision");

        var stale = await ShouldFailAsync<ProblemDetails>(() => book.PutAsync(RouteTourTests.BookForm(title: "Lost edit"), r => r.Headers.Add("If-Match", added.Etag!)), 412);

        TextOf(stale.AdditionalData["etag"]).Should().Be(edited.Etag);
        stale.ResponseHeaders["ETag"].Single().Should().Be(edited.Etag);
        (await book.GetAsync())!.Title.Should().Be("Second", "the stale edit stored nothing");
        (await book.PutAsync(RouteTourTests.BookForm(title: "Third"), r => r.Headers.Add("If-Match", edited.Etag!)))!.Title.Should().Be("Third");
        await ShouldFailAsync<ProblemDetails>(() => book.DeleteAsync(r => r.Headers.Add("If-Match", edited.Etag!)), 412);
        (await book.GetAsync())!.Title.Should().Be("Third", "a stale delete deletes nothing");
    }

    [Fact]
    public async Task A_Goodreads_export_imports_with_a_report_of_what_went_in_what_was_skipped_and_what_failed()
    {
        var (_, client) = await _api.SignedInAsync();
        var csv = Goodreads(
            ("The Left Hand of Darkness", "Ursula K. Le Guin", "science,to-read", "Winter."),
            ("Where the Wild Things Are", "Maurice Sendak", "picture-book", ""),
            ("the left hand of darkness", "Ursula K. Le Guin", "science", "Twice, in another case."),
            ("Unshelved", "Nobody Known", "favourites", ""));

        var report = await client.Api.Books.Import.PostAsync(ImportForm(csv));

        report!.Imported.Should().Be(2);
        report.Skipped.Should().Be(1, "a title the account has already, in any case, is skipped");
        report.Failed.Should().Be(1);
        report.StoppedAtRow.Should().BeNull("the file was read to its end");
        report.Errors.Should().ContainSingle().Which.Should().Match<ImportRowErrorResponse>(e => e.Row == 5 && e.Field == "category");
        report.IgnoredColumns.Should().Contain(["Book Id", "ISBN", "My Rating"]);
        var books = (await client.Api.Books.GetAsync(r => r.QueryParameters.Sort = "title"))!.Items!;
        books.Select(b => (b.Title, b.Category, b.CoverUrl)).Should().Equal(
            ("The Left Hand of Darkness", "science", (string?)null),
            ("Where the Wild Things Are", "picture book", (string?)null));
        (await client.Api.Authors.GetAsync())!.Select(a => a.Name).Should().BeEquivalentTo("Ursula K. Le Guin", "Maurice Sendak");
    }

    [Fact]
    public async Task A_CSV_export_imported_into_a_fresh_account_gives_the_same_library_as_the_JSON_export_shows()
    {
        var (_, source) = await _api.SignedInAsync("Source");
        await source.Api.Books.Import.PostAsync(ImportForm(Goodreads(
            ("The Dispossessed", "Ursula K. Le Guin", "science", "An ambiguous utopia,\nin two lines."),
            ("Ariel", "Sylvia Plath", "poetry", "\"Quoted\" review"),
            ("Anonymous Verse", "", "poetry", ""))));
        await source.Api.Books.PostAsync(RouteTourTests.BookForm(title: "=HYPERLINK(\"http://example.com\")", category: "thriller", cover: TestImages.Jpeg()));

        var csv = await ExportAsync(source, "csv");
        csv.Should().Contain("'=HYPERLINK", "a formula-looking cell is neutralised");
        var (_, fresh) = await _api.SignedInAsync("Fresh");
        var report = await fresh.Api.Books.Import.PostAsync(ImportForm(csv));

        report!.Imported.Should().Be(4);
        report.Failed.Should().Be(0);
        var expected = Library(await ExportAsync(source, "json"));
        expected.Should().HaveCount(4).And.Contain(("=HYPERLINK(\"http://example.com\")", "", "thriller", (string?)null));
        Library(await ExportAsync(fresh, "json")).Should().BeEquivalentTo(expected);
    }

    [Theory]
    [InlineData("title")]
    [InlineData("-title")]
    [InlineData("createdAt")]
    [InlineData("-updatedAt")]
    public async Task Following_next_until_null_visits_every_book_once_in_the_sort_order(string sort)
    {
        var (_, client) = await _api.SignedInAsync();
        string[] titles = ["delta", "Alpha", "charlie", "Bravo", "echo", "Foxtrot", "golf"];
        await client.Api.Books.Import.PostAsync(ImportForm(Goodreads([.. titles.Select(t => (t, "", "science", ""))])));
        var all = (await client.Api.Books.GetAsync(r => r.QueryParameters.Sort = sort))!.Items!;

        var visited = new List<string>();
        string? cursor = null;
        do
        {
            var page = (await client.Api.Books.GetAsync(r =>
            {
                r.QueryParameters.Sort = sort;
                r.QueryParameters.PageSize = 2;
                r.QueryParameters.Cursor = cursor;
            }))!;
            page.TotalCount.Should().Be(7);
            visited.AddRange(page.Items!.Select(b => b.Title!));
            cursor = page.Next;
        }
        while (cursor is not null && visited.Count < 20);

        visited.Should().Equal(all.Select(b => b.Title), "the pages, one after the other, are the whole list in its order");
        visited.Should().BeEquivalentTo(titles);
        if (sort.EndsWith("title", StringComparison.Ordinal))
        {
            var byTitle = titles.Order(StringComparer.OrdinalIgnoreCase);
            visited.Should().Equal(sort[0] == '-' ? byTitle.Reverse() : byTitle);
        }
    }

    private static string Goodreads(params (string Title, string Author, string Shelves, string Review)[] rows)
    {
        var csv = new StringBuilder(GoodreadsHeader).Append("\r\n");
        foreach (var (row, index) in rows.Select((row, index) => (row, index)))
        {
            csv.Append(index + 1).Append(',').Append(Quote(row.Title)).Append(',').Append(Quote(row.Author)).Append(",,,,,4,")
                .Append(Quote(row.Shelves)).Append(",read,").Append(Quote(row.Review)).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Quote(string cell) => "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static MultipartBody ImportForm(string csv)
    {
        var form = new MultipartBody();
        form.AddOrReplacePart("file", "text/csv", new MemoryStream(Encoding.UTF8.GetBytes(csv)), "library.csv");
        return form;
    }

    private static async Task<string> ExportAsync(CleanAuthClient client, string format)
    {
        await using var export = await client.Api.Books.Export.GetAsync(r => r.QueryParameters.Format = format);
        return await new StreamReader(export!).ReadToEndAsync();
    }

    /// <summary>What a JSON export holds of each book, cover and dates aside.</summary>
    private static List<(string? Title, string? Description, string? Category, string? Author)> Library(string json) =>
        [.. JsonDocument.Parse(json).RootElement.EnumerateArray().Select(b => (
            b.GetProperty("title").GetString(), b.GetProperty("description").GetString(), b.GetProperty("category").GetString(),
            b.TryGetProperty("author", out var author) ? author.GetString() : null))];

    // Kiota keeps a problem's extension members as additional data: a string, or an untyped node around one.
    private static string? TextOf(object? value) => value switch
    {
        string text => text,
        UntypedString node => node.GetValue(),
        _ => value?.ToString(),
    };
}
