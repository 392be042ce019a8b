using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using CleanAuth.Tests.Integration.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.Tests.Integration.Books;

/// <summary>
/// Every route that takes an id, called by user B with user A's id: 404 as if it did not exist (403 for the
/// admin routes, which are role-gated before any id is looked at), and A's things unchanged. Run once per store.
/// </summary>
public abstract class OwnershipMatrixTests(CleanAuthApi api)
{
    private const string UnknownId = "0123456789abcdef01234567";

    /// <summary>One row per route with an id, as "METHOD pattern" exactly as mapped.</summary>
    private static readonly string[] Routes =
    [
        "GET /api/books/{id}",
        "PUT /api/books/{id}",
        "DELETE /api/books/{id}",
        "GET /api/books/{id}/cover",
        "GET /api/books/{id}/cover/thumbnail",
        "GET /api/authors/{id}",
        "DELETE /api/authors/{id}",
        "POST /api/admin/users/{id}/disable",
        "POST /api/admin/users/{id}/enable",
        "POST /api/admin/users/{id}/roles/admin",
        "DELETE /api/admin/users/{id}/roles/admin",
        "POST /api/admin/users/{id}/two-factor/reset",
        "DELETE /api/admin/users/{id}",
        "GET /api/admin/users/{id}/activity",
        "DELETE /api/users/me/sessions/{id}",
        "GET /api/users/me/passkeys/{id}",
        "PATCH /api/users/me/passkeys/{id}",
        "DELETE /api/users/me/passkeys/{id}",
    ];

    public static TheoryData<string> RoutesWithAnId
    {
        get
        {
            var rows = new TheoryData<string>();
            foreach (var route in Routes)
            {
                rows.Add(route);
            }

            return rows;
        }
    }

    [Fact]
    public void The_matrix_lists_every_mapped_route_that_takes_a_parameter()
    {
        var mapped = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.Contains('{', StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText}"));

        // A new route with an id fails here until it has its row below, and a removed one until its row goes.
        mapped.Should().BeEquivalentTo(Routes);
    }

    [Theory]
    [MemberData(nameof(RoutesWithAnId))]
    public async Task Another_users_id_gets_404_like_an_unknown_one_and_changes_nothing(string route)
    {
        var a = await api.SignUpAsync();
        var b = await api.SignUpAsync();
        using var owner = api.CreateClient(a.AccessToken);
        using var intruder = api.CreateClient(b.AccessToken);
        var bookId = (await owner.AddBookAsync("Private", cover: TestImages.Png(120, 80))).GetProperty("id").GetString()!;
        var authorId = (await owner.AddAuthorAsync()).GetProperty("id").GetString()!;
        var path = route.Split(' ')[1];
        var aId = path.StartsWith("/api/books/", StringComparison.Ordinal) ? bookId
            : path.StartsWith("/api/authors/", StringComparison.Ordinal) ? authorId
            : a.Id;
        var before = await SnapshotAsync(owner, bookId);
        // Admin routes refuse a non-admin before reading the id; the library answers as if A's id did not exist.
        var expected = path.StartsWith("/api/admin/", StringComparison.Ordinal) ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound;

        var withAsId = await (await SendAsync(intruder, route, aId)).ShouldBeProblemAsync(expected);

        // The same answer, word for word, as for an id nobody has, malformed ones (one a Mongo operator) and A's in another case.
        foreach (var other in new[] { UnknownId, "not-an-id", """{"$ne":null}""", aId.ToUpperInvariant() })
        {
            var problem = await (await SendAsync(intruder, route, other)).ShouldBeProblemAsync(expected);
            problem.GetProperty("detail").GetString().Should().Be(withAsId.GetProperty("detail").GetString(), "{0} with {1}", route, other);
        }

        (await SnapshotAsync(owner, bookId)).Should().Be(before, "{0} by another user changes nothing of A's", route);
        (await intruder.GetFromJsonAsync<JsonElement>("/api/books")).GetProperty("totalCount").GetInt64().Should().Be(0);
        (await intruder.GetFromJsonAsync<JsonElement[]>("/api/authors")).Should().BeEmpty();
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string route, string id)
    {
        var (method, pattern) = (route.Split(' ')[0], route.Split(' ')[1]);
        var request = new HttpRequestMessage(new HttpMethod(method), pattern.Replace("{id}", Uri.EscapeDataString(id), StringComparison.Ordinal));
        if (method == "PUT")
        {
            request.Content = BookClient.Form(title: "Stolen", category: "horror", cover: TestImages.Jpeg(50, 50));
        }
        else if (method == "PATCH")
        {
            request.Content = JsonContent.Create(new { name = "Stolen" });
        }

        return client.SendAsync(request);
    }

    /// <summary>Everything A can see of their account and library, with the cover and thumbnail bytes hashed.</summary>
    private static async Task<string> SnapshotAsync(HttpClient owner, string bookId)
    {
        var me = await owner.GetStringAsync("/api/users/me");
        var book = await owner.GetStringAsync($"/api/books/{bookId}");
        var cover = Convert.ToHexString(SHA256.HashData(await owner.GetByteArrayAsync($"/api/books/{bookId}/cover")));
        var thumbnail = Convert.ToHexString(SHA256.HashData(await owner.GetByteArrayAsync($"/api/books/{bookId}/cover/thumbnail")));
        var authors = await owner.GetStringAsync("/api/authors");
        return string.Join('\n', me, book, cover, thumbnail, authors);
    }
}

public sealed class EmbeddedOwnershipMatrixTests(EmbeddedApiFixture fixture) : OwnershipMatrixTests(fixture.Api), IClassFixture<EmbeddedApiFixture>;

public sealed class MongoWireOwnershipMatrixTests(MongoWireApiFixture fixture) : OwnershipMatrixTests(fixture.Api), IClassFixture<MongoWireApiFixture>;
