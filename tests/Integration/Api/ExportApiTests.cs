using System.IO.Compression;
using System.Net;
using System.Text.Json;
using CleanAuth.Tests.Integration.Support;
using Microsoft.Extensions.Time.Testing;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>
/// The export (ADR 0055) over HTTP, on each store: a zip streamed to the response. The test server, like Kestrel,
/// refuses synchronous writes to a response body, so a download that completes shows the archive was written
/// asynchronously throughout.
/// </summary>
public abstract class ExportApiTests(CleanAuthApi api)
{
    private FakeTimeProvider Clock => api.Clock!;

    [Fact]
    public async Task The_export_holds_the_account_sessions_activity_authors_books_and_each_original_cover_and_no_secret()
    {
        var user = await api.SignUpConfirmedAsync("Ann Export");
        var session = await api.SignInAsync(user.Email, user.Password);
        using var client = api.CreateClient(session.AccessToken);
        var author = (await client.AddAuthorAsync("Stanisław Lem")).GetProperty("id").GetString()!;
        var first = (await client.AddBookAsync("Solaris", authorId: author)).GetProperty("id").GetString()!;
        Clock.Advance(TimeSpan.FromSeconds(1));
        var second = (await client.AddBookAsync("Untitled", cover: TestImages.Jpeg(90, 140))).GetProperty("id").GetString()!;
        using var stranger = api.CreateClient((await api.SignUpAsync()).AccessToken);
        await stranger.AddBookAsync("Not Theirs");

        var response = await client.GetAsync("/api/users/me/export");

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/zip");
        response.Content.Headers.ContentDisposition!.FileNameStar.Should().Be("cleanauth-export.zip");
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        zip.Entries.Select(e => e.FullName).Should().Equal(
            "account.json", "sessions.json", "activity.json", "authors.json", "books.json", $"covers/{second}.jpg", $"covers/{first}.jpg");

        var account = Json(zip, "account.json");
        account.GetProperty("id").GetString().Should().Be(user.Id);
        account.GetProperty("email").GetString().Should().Be(user.Email);
        account.GetProperty("emailConfirmed").GetBoolean().Should().BeTrue();
        account.GetProperty("twoFactorEnabled").GetBoolean().Should().BeFalse();
        var raw = string.Join("\n", zip.Entries.Where(e => e.FullName.EndsWith(".json", StringComparison.Ordinal)).Select(Text));
        raw.Should().NotContainAny(["passwordHash", "securityStamp", "AQAAAA", "tokenHash", "codeHash", "secret"], "no hash, key or code leaves in an export");
        raw.Should().NotContain("Not Theirs");

        Json(zip, "sessions.json").EnumerateArray().Should().HaveCount(2, "the sign-up's and this sign-in's sessions are live");
        Json(zip, "activity.json").ValueKind.Should().Be(JsonValueKind.Array);
        Json(zip, "authors.json").EnumerateArray().Single().GetProperty("name").GetString().Should().Be("Stanisław Lem");
        var books = Json(zip, "books.json").EnumerateArray().ToList();
        books.Select(b => b.GetProperty("title").GetString()).Should().Equal(["Solaris", "Untitled"], "the library format lists the oldest first");
        books[0].GetProperty("author").GetString().Should().Be("Stanisław Lem");
        foreach (var id in new[] { first, second })
        {
            var original = await client.GetByteArrayAsync($"/api/books/{id}/cover");
            Bytes(zip, $"covers/{id}.jpg").Should().Equal(original);
        }

        api.Logs.Events.Should().Contain(e => e.Str("EventName") == "AccountExported" && e.Str("UserId") == user.Id);
    }

    [Fact]
    public async Task An_old_sign_in_gets_the_step_up_challenge_instead_of_the_export()
    {
        var user = await api.SignUpAsync();
        var session = await api.SignInAsync(user.Email, user.Password);
        Clock.Advance(TimeSpan.FromMinutes(6));
        var refreshed = await Session.FromAsync(await api.RefreshAsync(session.RefreshToken));
        using var client = api.CreateClient(refreshed.AccessToken);

        var refused = await (await client.GetAsync("/api/users/me/export")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        refused.GetProperty("type").GetString().Should().Be("urn:cleanauth:problem:recent-sign-in-required");
    }

    private static string Text(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    private static JsonElement Json(ZipArchive zip, string name) => JsonDocument.Parse(Text(zip.GetEntry(name)!)).RootElement.Clone();

    private static byte[] Bytes(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

public sealed class EmbeddedExportApiTests(ClockedEmbeddedApiFixture fixture)
    : ExportApiTests(fixture.Api), IClassFixture<ClockedEmbeddedApiFixture>;

public sealed class MongoWireExportApiTests(ClockedMongoWireApiFixture fixture)
    : ExportApiTests(fixture.Api), IClassFixture<ClockedMongoWireApiFixture>;
