using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>
/// Issue 11, races 4 and 5: requests fired together through a gate, many rounds, on each store; afterwards the
/// invariant is checked over HTTP. Each round's outcome is collected first and asserted at the end, so a
/// failure reports how many rounds broke the rule.
/// </summary>
public abstract class RaceTests(CleanAuthApi api)
{
    private const int Rounds = 20;

    [StoreFact]
    public async Task After_two_refreshes_of_one_token_no_token_of_the_family_works()
    {
        var user = await api.SignUpAsync();
        var broken = new List<string>();
        for (var round = 0; round < Rounds; round++)
        {
            var session = await api.SignInAsync(user.Email, user.Password);
            var responses = await Together(() => api.RefreshAsync(session.RefreshToken), () => api.RefreshAsync(session.RefreshToken));

            responses.Select(r => r.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.OK || s == HttpStatusCode.Unauthorized);
            responses.Count(r => r.StatusCode == HttpStatusCode.OK).Should().BeLessThanOrEqualTo(1, "one token is spent once");
            // Whichever lost saw a spent token: that is reuse, and the whole family must be dead, the winner's new token too.
            foreach (var token in await TokensOf(session, responses))
            {
                if ((await api.RefreshAsync(token)).StatusCode != HttpStatusCode.Unauthorized)
                {
                    broken.Add($"round {round}: {string.Join("/", responses.Select(r => (int)r.StatusCode))}, a token still works");
                }
            }
        }

        broken.Should().BeEmpty();
    }

    [StoreFact]
    public async Task After_a_logout_racing_a_refresh_no_token_of_the_family_works()
    {
        var user = await api.SignUpAsync();
        var broken = new List<string>();
        for (var round = 0; round < Rounds; round++)
        {
            var session = await api.SignInAsync(user.Email, user.Password);
            var responses = await Together(() => Logout(session.RefreshToken), () => api.RefreshAsync(session.RefreshToken));

            responses[0].StatusCode.Should().Be(HttpStatusCode.NoContent);
            responses[1].StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.Unauthorized);
            foreach (var token in await TokensOf(session, responses))
            {
                if ((await api.RefreshAsync(token)).StatusCode != HttpStatusCode.Unauthorized)
                {
                    broken.Add($"round {round}: refresh {(int)responses[1].StatusCode}, a token survived the 204 logout");
                }
            }
        }

        broken.Should().BeEmpty();
    }

    [StoreFact]
    public async Task An_author_deleted_while_a_book_naming_it_is_added_never_leaves_the_book_dangling()
    {
        var user = await api.SignUpAsync();
        using var client = api.CreateClient(user.AccessToken);
        var broken = new List<string>();
        for (var round = 0; round < Rounds; round++)
        {
            var authorId = (await client.AddAuthorAsync($"Author {round}")).GetProperty("id").GetString()!;
            var responses = await Together(
                () => client.DeleteAsync($"/api/authors/{authorId}"),
                () => client.PostAsync("/api/books", BookClient.Form($"Race {round}", "d", "science", authorId, TestImages.Jpeg())));

            var (delete, add) = (responses[0].StatusCode, responses[1].StatusCode);
            delete.Should().BeOneOf(HttpStatusCode.NoContent, HttpStatusCode.Conflict);
            add.Should().BeOneOf(HttpStatusCode.Created, HttpStatusCode.BadRequest, HttpStatusCode.Conflict);
            if (delete == HttpStatusCode.NoContent && add == HttpStatusCode.Created)
            {
                broken.Add($"round {round}: both succeeded");
            }
        }

        broken.AddRange(await DanglingAsync(client));
        broken.Should().BeEmpty();
    }

    [StoreFact]
    public async Task An_author_deleted_while_a_book_is_changed_to_name_it_never_leaves_the_book_dangling()
    {
        var user = await api.SignUpAsync();
        using var client = api.CreateClient(user.AccessToken);
        var broken = new List<string>();
        for (var round = 0; round < Rounds; round++)
        {
            var authorId = (await client.AddAuthorAsync($"Author {round}")).GetProperty("id").GetString()!;
            var bookId = (await client.AddBookAsync($"Edited {round}")).GetProperty("id").GetString()!;
            var responses = await Together(
                () => client.DeleteAsync($"/api/authors/{authorId}"),
                () => client.PutAsync($"/api/books/{bookId}", BookClient.Form(authorId: authorId)));

            var (delete, update) = (responses[0].StatusCode, responses[1].StatusCode);
            delete.Should().BeOneOf(HttpStatusCode.NoContent, HttpStatusCode.Conflict);
            update.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.Conflict);
            if (delete == HttpStatusCode.NoContent && update == HttpStatusCode.OK)
            {
                broken.Add($"round {round}: both succeeded");
            }
        }

        broken.AddRange(await DanglingAsync(client));
        broken.Should().BeEmpty();
    }

    private async Task<HttpResponseMessage> Logout(string refreshToken)
    {
        using var client = api.CreateClient();
        return await client.PostAsJsonAsync("/api/auth/logout", new { refreshToken });
    }

    private static async Task<List<string>> TokensOf(Session session, IEnumerable<HttpResponseMessage> responses)
    {
        var tokens = new List<string> { session.RefreshToken };
        foreach (var response in responses.Where(r => r.StatusCode == HttpStatusCode.OK && r.RequestMessage!.RequestUri!.AbsolutePath.EndsWith("/refresh", StringComparison.Ordinal)))
        {
            tokens.Add((await Session.FromAsync(response)).RefreshToken);
        }

        return tokens;
    }

    /// <summary>Books of the library that name an author missing from the author list.</summary>
    private static async Task<IEnumerable<string>> DanglingAsync(HttpClient client)
    {
        var authors = (await client.GetFromJsonAsync<JsonElement>("/api/authors")).EnumerateArray()
            .Select(a => a.GetProperty("id").GetString()).ToHashSet();
        var books = (await client.GetFromJsonAsync<JsonElement>("/api/books?pageSize=100")).GetProperty("items").EnumerateArray();
        return [.. books
            .Where(b => b.GetProperty("authorId").GetString() is { } author && !authors.Contains(author))
            .Select(b => $"book {b.GetProperty("id").GetString()} names a missing author")];
    }

    /// <summary>Starts every request, then opens the gate for all at once.</summary>
    private static async Task<HttpResponseMessage[]> Together(params Func<Task<HttpResponseMessage>>[] requests)
    {
        using var gate = new SemaphoreSlim(0);
        var running = requests.Select(request => Task.Run(async () =>
        {
            await gate.WaitAsync();
            return await request();
        })).ToArray();
        gate.Release(running.Length);
        return await Task.WhenAll(running);
    }
}

public sealed class EmbeddedRaceTests(EmbeddedApiFixture fixture) : RaceTests(fixture.Api), IClassFixture<EmbeddedApiFixture>;

public sealed class MongoWireRaceTests(MongoWireApiFixture fixture) : RaceTests(fixture.Api), IClassFixture<MongoWireApiFixture>;
