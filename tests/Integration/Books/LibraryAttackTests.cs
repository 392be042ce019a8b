using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Books;

/// <summary>
/// What the attack pass on issue 25's routes found (from outside, without their tests): the 413 of an oversized file
/// did not name the limit, a title starting with <c>'</c> and a formula character did not survive export → import,
/// and parallel imports left an author per import. The CSV and the form are read before any store is touched, and
/// only a store that enforces unique titles can decide parallel imports, so the embedded store is the one here.
/// </summary>
public sealed class LibraryAttackTests(EmbeddedApiFixture fixture) : IClassFixture<EmbeddedApiFixture>
{
    private const string GoodreadsHeader = "Book Id,Title,Author,Author l-f,Additional Authors,ISBN,ISBN13,My Rating,Bookshelves,Exclusive Shelf,My Review";

    private readonly CleanAuthApi _api = fixture.Api;

    [Fact]
    public async Task A_file_one_byte_over_the_limit_is_413_naming_the_limit()
    {
        using var client = _api.CreateClient((await _api.SignUpAsync()).AccessToken);
        var csv = Encoding.UTF8.GetBytes(GoodreadsHeader + "\n" + new string('x', 5 * 1024 * 1024));

        var problem = await (await client.PostAsync("/api/books/import", BookClient.ImportForm(csv[..(5 * 1024 * 1024 + 1)], "science")))
            .ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        problem.GetProperty("detail").GetString().Should().Contain("5 MB");
    }

    [Fact]
    public async Task Titles_starting_with_a_quote_and_a_formula_character_survive_export_and_import()
    {
        string[] titles = ["'=Quoted on purpose", "''=Two quotes", "'+plus", "'plain quote", "=HYPERLINK(\"http://x\",\"y\")", "@mention", "-minus"];
        using var source = _api.CreateClient((await _api.SignUpAsync()).AccessToken);
        var rows = titles.Select((t, i) => $"{i + 1},\"{t.Replace("\"", "\"\"", StringComparison.Ordinal)}\",,,,,,0,science,read,\"{t.Replace("\"", "\"\"", StringComparison.Ordinal)}\"");
        var imported = await source.PostAsync("/api/books/import", BookClient.ImportForm(Encoding.UTF8.GetBytes(GoodreadsHeader + "\n" + string.Join('\n', rows) + "\n"), null));
        imported.StatusCode.Should().Be(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());

        var csv = await source.GetByteArrayAsync("/api/books/export?format=csv");
        var exported = Encoding.UTF8.GetString(csv).Split('\n').Skip(1).Where(l => l.Length > 0).ToList();
        exported.Should().OnlyContain(line => !"=+-@".Contains(line.TrimStart('"')[0]), "no cell a spreadsheet reads as a formula:\n" + string.Join('\n', exported));

        using var target = _api.CreateClient((await _api.SignUpAsync()).AccessToken);
        var back = await target.PostAsync("/api/books/import", BookClient.ImportForm(csv, null));
        back.StatusCode.Should().Be(HttpStatusCode.OK, await back.Content.ReadAsStringAsync());
        var books = (await target.GetFromJsonAsync<JsonElement>("/api/books?pageSize=100")).GetProperty("items").EnumerateArray().ToList();
        books.Select(b => b.GetProperty("title").GetString()).Should().BeEquivalentTo(titles);
        books.Select(b => b.GetProperty("description").GetString()).Should().BeEquivalentTo(titles);
    }

    [Fact]
    public async Task Parallel_imports_of_one_file_leave_each_author_once()
    {
        using var client = _api.CreateClient((await _api.SignUpAsync()).AccessToken);
        var csv = Encoding.UTF8.GetBytes(GoodreadsHeader + "\n" + string.Concat(Enumerable.Range(1, 60).Select(i => $"{i},Parallel {i},Author {i % 5},,,,,0,science,read,\n")));

        var reports = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.PostAsync("/api/books/import", BookClient.ImportForm(csv, null))));

        reports.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
        (await client.GetFromJsonAsync<JsonElement>("/api/books")).GetProperty("totalCount").GetInt32().Should().Be(60);
        var authors = (await client.GetFromJsonAsync<JsonElement>("/api/authors")).EnumerateArray().Select(a => a.GetProperty("name").GetString()).ToList();
        authors.Should().BeEquivalentTo(Enumerable.Range(0, 5).Select(i => $"Author {i}"), "an import whose rows were all stored by another leaves no author of its own");
    }

}

/// <summary>An import makes an author only for a book it stores: a skipped row leaves none behind, on either store.</summary>
public abstract class ImportAuthorAttackTests(CleanAuthApi api)
{
    [Fact]
    public async Task A_row_skipped_for_a_title_the_user_has_leaves_no_new_author()
    {
        using var client = api.CreateClient((await api.SignUpAsync()).AccessToken);
        const string Header = "Book Id,Title,Author,Bookshelves,Exclusive Shelf,My Review";
        (await client.PostAsync("/api/books/import", BookClient.ImportForm(Encoding.UTF8.GetBytes($"{Header}\n1,Dune,,science,read,\n"), null)))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        var again = await client.PostAsync("/api/books/import", BookClient.ImportForm(Encoding.UTF8.GetBytes($"{Header}\n1,DUNE,Frank Herbert,science,read,\n"), null));

        var report = await again.Content.ReadFromJsonAsync<JsonElement>();
        report.GetProperty("skipped").GetInt32().Should().Be(1, report.ToString());
        (await client.GetFromJsonAsync<JsonElement>("/api/authors")).GetArrayLength().Should().Be(0, "no stored book names Frank Herbert");
    }
}

public sealed class EmbeddedImportAuthorAttackTests(EmbeddedApiFixture fixture) : ImportAuthorAttackTests(fixture.Api), IClassFixture<EmbeddedApiFixture>;

public sealed class MongoWireImportAuthorAttackTests(MongoWireApiFixture fixture) : ImportAuthorAttackTests(fixture.Api), IClassFixture<MongoWireApiFixture>;
