using System.Text.Json;
using CleanAuth.Application.Books.Common;
using CleanAuth.WebApi.Contracts;

namespace CleanAuth.Tests.Unit.WebApi.Endpoints;

public sealed class BookResponseTests
{
    private static readonly DateTimeOffset Created = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void The_web_layer_adds_the_cover_urls_and_keeps_the_fields_in_their_order()
    {
        var details = new BookDetails("b1", "Dune", "Spice.", "science", "a1", 600, 900, Created, Created.AddDays(1), "\"3\"");

        var json = JsonSerializer.Serialize(BookResponse.From(details), JsonSerializerOptions.Web);

        json.Should().Be("""{"id":"b1","title":"Dune","description":"Spice.","category":"science","authorId":"a1","coverUrl":"/api/books/b1/cover","thumbnailUrl":"/api/books/b1/cover/thumbnail","coverWidth":600,"coverHeight":900,"createdAt":"2025-01-02T03:04:05+00:00","updatedAt":"2025-01-03T03:04:05+00:00","etag":"\u00223\u0022"}""");
    }

    [Fact]
    public void A_book_without_a_cover_has_null_cover_fields()
    {
        var details = new BookDetails("b1", "Dune", "Spice.", "science", null, null, null, Created, Created, "\"0\"");

        var json = JsonSerializer.Serialize(BookResponse.From(details), JsonSerializerOptions.Web);

        json.Should().Contain("\"coverUrl\":null,\"thumbnailUrl\":null,\"coverWidth\":null,\"coverHeight\":null");
    }
}
