using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Books;

/// <summary>Issue 25 over HTTP, once per store: ETags, coverless books, import, export, sort and cursors.</summary>
public abstract class LibraryApiTests(CleanAuthApi api)
{
    private static readonly string GoodreadsFixture = Path.Combine(AppContext.BaseDirectory, "Books", "Fixtures", "goodreads-awkward.csv");

    [Fact]
    public async Task Get_carries_the_etag_and_if_none_match_with_it_is_304()
    {
        using var client = api.CreateClient((await api.SignUpAsync()).AccessToken);
        var id = (await client.AddBookAsync()).GetProperty("id").GetString();

        var first = await client.GetAsync($"/api/books/{id}");
        var etag = first.Headers.ETag!;
        etag.IsWeak.Should().BeFalse();
        (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("etag").GetString().Should().Be(etag.Tag);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/api/books/{id}");
        conditional.Headers.IfNoneMatch.Add(etag);
        (await client.SendAsync(conditional)).StatusCode.Should().Be(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task A_stale_if_match_is_412_with_the_current_tag_and_the_current_one_or_star_wins()
    {
        using var client = api.CreateClient((await api.SignUpAsync()).AccessToken);
        var book = await client.AddBookAsync();
        var (id, stale) = (book.GetProperty("id").GetString(), book.GetProperty("etag").GetString()!);

        var changed = await Put(client, id, stale, "First edit");
        changed.StatusCode.Should().Be(HttpStatusCode.OK);
        var current = changed.Headers.ETag!.Tag;
        current.Should().NotBe(stale);

        var refused = await Put(client, id, stale, "Lost edit");
        await refused.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        refused.Headers.ETag!.Tag.Should().Be(current);
        (await client.GetFromJsonAsync<JsonElement>($"/api/books/{id}")).GetProperty("title").GetString().Should().Be("First edit");

        (await Put(client, id, "*", "Star edit")).StatusCode.Should().Be(HttpStatusCode.OK);
        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/books/{id}");
        delete.Headers.TryAddWithoutValidation("If-Match", current);
        await (await client.SendAsync(delete)).ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Of_parallel_puts_with_one_if_match_exactly_one_wins()
    {
        using var client = api.CreateClient((await api.SignUpAsync()).AccessToken);
        var book = await client.AddBookAsync();
        var (id, etag) = (book.GetProperty("id").GetString(), book.GetProperty("etag").GetString()!);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Put(client, id, etag, $"Edit {i}")));

        var statuses = answers.Select(a => (int)a.StatusCode).ToList();
        statuses.Count(s => s == 200).Should().Be(1, string.Join(",", statuses));
        statuses.Count(s => s == 412).Should().Be(7, string.Join(",", statuses));
    }

    [Fact]
    public async Task Another_users_book_is_404_whatever_the_tag()
    {
        using var owner = api.CreateClient((await api.SignUpAsync()).AccessToken);
        using var other = api.CreateClient((await api.SignUpAsync()).AccessToken);
        var book = await owner.AddBookAsync();

        await (await Put(other, book.GetProperty("id").GetString(), book.GetProperty("etag").GetString()!, "Mine")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await Put(other, book.GetProperty("id").GetString(), "\"999\"", "Mine")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_goodreads_file_with_awkward_rows_imports_and_importing_it_again_changes_nothing()
    {
        using var client = api.CreateClient((await api.SignUpAsync()).AccessToken);

        var report = await Import(client, File.ReadAllBytes(GoodreadsFixture), "fantasy");

        report.GetProperty("imported").GetInt32().Should().Be(6, report.ToString());
        report.GetProperty("skipped").GetInt32().Should().Be(1);
        report.GetProperty("failed").GetInt32().Should().Be(1);
        report.GetProperty("errors")[0].GetProperty("row").GetInt32().Should().Be(7);
        report.GetProperty("errors")[0].GetProperty("field").GetString().Should().Be("title");
        report.GetProperty("stoppedAtRow").ValueKind.Should().Be(JsonValueKind.Null);
        report.GetProperty("ignoredColumns").EnumerateArray().Select(c => c.GetString()).Should().Contain(["ISBN", "My Rating"]);

        var books = await All(client, "title");
        books.Select(b => b.GetProperty("title").GetString()).Should().BeEquivalentTo(
            "The Left Hand of Darkness", "Dune", "Кафка на пляже — 海辺のカフカ", "=HYPERLINK(\"http://example.com\",\"Click me\")",
            "A Wizard of Earthsea", "Unshelved Thoughts");
        var left = books.Single(b => b.GetProperty("title").GetString() == "The Left Hand of Darkness");
        left.GetProperty("category").GetString().Should().Be("science");
        left.GetProperty("description").GetString().Should().Be("A \"thought experiment\" on gender.\r\nSecond line of the review, with a comma.");
        books.Single(b => b.GetProperty("title").GetString()!.StartsWith("Кафка", StringComparison.Ordinal)).GetProperty("category").GetString().Should().Be("picture book");
        books.Single(b => b.GetProperty("title").GetString() == "Dune").GetProperty("category").GetString().Should().Be("fantasy");
        var authors = await client.GetFromJsonAsync<JsonElement>("/api/authors");
        authors.EnumerateArray().Count(a => a.GetProperty("name").GetString()!.Equals("Ursula K. Le Guin", StringComparison.OrdinalIgnoreCase)).Should().Be(1);

        var again = await Import(client, File.ReadAllBytes(GoodreadsFixture), "fantasy");
        again.GetProperty("imported").GetInt32().Should().Be(0);
        again.GetProperty("skipped").GetInt32().Should().Be(7);
        (await All(client, "title")).Should().HaveCount(6);
    }

    [Fact]
    public async Task Without_a_default_category_rows_whose_shelves_name_none_are_row_errors()
    {
        using var client = api.CreateClient((await api.SignUpAsync()).AccessToken);

        var report = await Import(client, File.ReadAllBytes(GoodreadsFixture), null);

        report.GetProperty("imported").GetInt32().Should().Be(3);
        report.GetProperty("errors").EnumerateArray().Where(e => e.GetProperty("field").GetString() == "category")
            .Select(e => e.GetProperty("row").GetInt32()).Should().Equal(3, 8, 9);
    }

    [Fact]
    public async Task An_imported_book_has_no_cover_until_a_put_adds_one()
    {
        using var client = api.CreateClient((await api.SignUpAsync()).AccessToken);
        await Import(client, File.ReadAllBytes(GoodreadsFixture), "fantasy");
        var dune = (await All(client, "title")).Single(b => b.GetProperty("title").GetString() == "Dune");
        var id = dune.GetProperty("id").GetString();

        foreach (var field in new[] { "coverUrl", "thumbnailUrl", "coverWidth", "coverHeight" })
        {
            dune.GetProperty(field).ValueKind.Should().Be(JsonValueKind.Null, field);
        }

        await (await client.GetAsync($"/api/books/{id}/cover")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/books/{id}/cover/thumbnail")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var put = await client.PutAsync($"/api/books/{id}", BookClient.Form(cover: TestImages.Jpeg(300, 200)));
        put.StatusCode.Should().Be(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("coverWidth").GetInt32().Should().Be(300);
        (await client.GetAsync($"/api/books/{id}/cover")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.DeleteAsync($"/api/books/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    public async Task Export_then_import_into_an_empty_account_gives_the_same_library(string format)
    {
        using var source = api.CreateClient((await api.SignUpAsync()).AccessToken);
        await Import(source, File.ReadAllBytes(GoodreadsFixture), "fantasy");
        var export = await source.GetAsync($"/api/books/export?format={format}");
        export.StatusCode.Should().Be(HttpStatusCode.OK);
        var content = await export.Content.ReadAsByteArrayAsync();
        if (format == "csv")
        {
            Encoding.UTF8.GetString(content).Should().Contain("\"'=HYPERLINK(").And.Contain("'-Worth it.");
        }

        using var target = api.CreateClient((await api.SignUpAsync()).AccessToken);
        var csv = format == "csv" ? content : await source.GetByteArrayAsync("/api/books/export?format=csv");
        (await Import(target, csv, null)).GetProperty("imported").GetInt32().Should().Be(6);

        (await Library(target)).Should().BeEquivalentTo(await Library(source));
        if (format == "json")
        {
            JsonDocument.Parse(content).RootElement.EnumerateArray().Select(b => b.GetProperty("title").GetString())
                .Should().BeEquivalentTo((await Library(source)).Select(b => b.Title));
        }
    }

    [Fact]
    public async Task Cursors_walk_the_whole_list_in_the_sort_order_and_end_with_null()
    {
        using var client = api.CreateClient((await api.SignUpAsync()).AccessToken);
        foreach (var title in new[] { "delta", "Alpha", "charlie", "Bravo", "echo" })
        {
            await client.AddBookAsync(title);
        }

        var titles = (await All(client, "title", pageSize: 2)).Select(b => b.GetProperty("title").GetString());
        titles.Should().Equal("Alpha", "Bravo", "charlie", "delta", "echo");
        (await All(client, "-title", pageSize: 2)).Select(b => b.GetProperty("title").GetString()).Should().Equal("echo", "delta", "charlie", "Bravo", "Alpha");
        (await All(client, null, pageSize: 3)).Select(b => b.GetProperty("title").GetString()).Should().Equal("echo", "Bravo", "charlie", "Alpha", "delta");

        var first = await client.GetFromJsonAsync<JsonElement>("/api/books?sort=title&pageSize=2");
        first.GetProperty("totalCount").GetInt32().Should().Be(5);
        var next = first.GetProperty("next").GetString();
        await (await client.GetAsync($"/api/books?page=2&cursor={next}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync($"/api/books?sort=-createdAt&cursor={next}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/books?cursor=not-a-cursor")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/books?sort=isbn")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_file_of_more_than_10000_rows_is_refused_naming_the_limit()
    {
        using var client = api.CreateClient((await api.SignUpAsync()).AccessToken);
        var csv = new StringBuilder("title,description,category,author,createdAt,updatedAt\n");
        for (var i = 0; i <= 10_000; i++)
        {
            csv.Append(Title(i)).Append(",,science,,,\n");
        }

        var problem = await (await client.PostAsync("/api/books/import", BookClient.ImportForm(Encoding.UTF8.GetBytes(csv.ToString()), null))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ToString().Should().Contain("10,000");
        (await client.GetFromJsonAsync<JsonElement>("/api/books")).GetProperty("totalCount").GetInt32().Should().Be(0);
    }

    private static string Title(int i) => $"Book {i}";

    private static async Task<HttpResponseMessage> Put(HttpClient client, string? id, string ifMatch, string title)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/books/{id}") { Content = BookClient.Form(title) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> Import(HttpClient client, byte[] csv, string? defaultCategory)
    {
        var response = await client.PostAsync("/api/books/import", BookClient.ImportForm(csv, defaultCategory));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<List<JsonElement>> All(HttpClient client, string? sort, int pageSize = 100)
    {
        var books = new List<JsonElement>();
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/books?pageSize={pageSize}" + (sort is null ? "" : $"&sort={sort}"));
        while (true)
        {
            books.AddRange(page.GetProperty("items").EnumerateArray().Select(b => b.Clone()));
            if (page.GetProperty("next").GetString() is not { } next)
            {
                return books;
            }

            page = await client.GetFromJsonAsync<JsonElement>($"/api/books?pageSize={pageSize}&cursor={Uri.EscapeDataString(next)}");
        }
    }

    private static async Task<List<(string? Title, string? Description, string? Category, string? Author)>> Library(HttpClient client)
    {
        var authors = (await client.GetFromJsonAsync<JsonElement>("/api/authors")).EnumerateArray()
            .ToDictionary(a => a.GetProperty("id").GetString()!, a => a.GetProperty("name").GetString());
        return [.. (await All(client, "title")).Select(b => (
            b.GetProperty("title").GetString(), b.GetProperty("description").GetString(), b.GetProperty("category").GetString(),
            b.GetProperty("authorId").GetString() is { } id ? authors[id] : null))];
    }
}

public sealed class EmbeddedLibraryApiTests(EmbeddedApiFixture fixture) : LibraryApiTests(fixture.Api), IClassFixture<EmbeddedApiFixture>;

public sealed class MongoWireLibraryApiTests(MongoWireApiFixture fixture) : LibraryApiTests(fixture.Api), IClassFixture<MongoWireApiFixture>;
