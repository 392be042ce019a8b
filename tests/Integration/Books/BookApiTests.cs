using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanAuth.Tests.Integration.Support;
using NetVips;

namespace CleanAuth.Tests.Integration.Books;

/// <summary>The library routes over HTTP, run once per store.</summary>
public abstract class BookApiTests(CleanAuthApi api)
{
    [Fact]
    public async Task Categories_are_the_fixed_list()
    {
        using var client = api.CreateClient((await api.SignUpAsync()).AccessToken);

        var categories = await client.GetFromJsonAsync<string[]>("/api/books/categories");

        categories.Should().Equal("romance", "poetry", "politics", "picture book", "science", "fantasy", "horror", "thriller");
    }

    [Fact]
    public async Task A_form_of_thousands_of_parts_is_refused()
    {
        using var client = api.CreateClient((await api.SignUpAsync()).AccessToken);
        using var form = BookClient.Form("Many parts", "d", "science", cover: TestImages.Jpeg(40, 40));
        for (var i = 0; i < 5000; i++)
        {
            form.Add(new StringContent(""), $"x{i}");
        }

        await (await client.PostAsync("/api/books", form)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Add_book_answers_201_with_the_book_and_its_cover_urls()
    {
        using var client = api.CreateClient((await api.SignUpAsync()).AccessToken);
        var author = await client.AddAuthorAsync();

        var response = await client.PostAsync("/api/books", BookClient.Form(
            "  The Dispossessed ", "An ambiguous utopia", "SCIENCE", author.GetProperty("id").GetString(), TestImages.Jpeg(1200, 800)));

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var book = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = book.GetProperty("id").GetString();
        response.Headers.Location!.ToString().Should().Be($"/api/books/{id}");
        book.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(
            "id", "title", "description", "category", "authorId", "coverUrl", "thumbnailUrl", "coverWidth", "coverHeight", "createdAt", "updatedAt", "etag");
        book.GetProperty("title").GetString().Should().Be("The Dispossessed");
        book.GetProperty("category").GetString().Should().Be("science");
        book.GetProperty("authorId").GetString().Should().Be(author.GetProperty("id").GetString());
        book.GetProperty("coverUrl").GetString().Should().Be($"/api/books/{id}/cover");
        book.GetProperty("thumbnailUrl").GetString().Should().Be($"/api/books/{id}/cover/thumbnail");
        book.GetProperty("coverWidth").GetInt32().Should().Be(1200);
        book.GetProperty("coverHeight").GetInt32().Should().Be(800);
        (await client.GetFromJsonAsync<JsonElement>($"/api/books/{id}")).GetProperty("title").GetString().Should().Be("The Dispossessed");
    }

    [Fact]
    public async Task The_cover_comes_back_as_uploaded_and_the_thumbnail_fits_150_square()
    {
        using var client = api.CreateClient((await api.SignUpAsync()).AccessToken);
        var original = TestImages.Png(600, 300);
        var book = await client.AddBookAsync(cover: original);
        var id = book.GetProperty("id").GetString();

        var cover = await client.GetAsync($"/api/books/{id}/cover");
        var thumbnail = await client.GetAsync($"/api/books/{id}/cover/thumbnail");

        cover.StatusCode.Should().Be(HttpStatusCode.OK);
        cover.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        (await cover.Content.ReadAsByteArrayAsync()).Should().Equal(original);
        cover.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        cover.Headers.CacheControl!.Private.Should().BeTrue();
        cover.Headers.CacheControl.MaxAge.Should().BePositive();
        cover.Headers.ETag!.IsWeak.Should().BeFalse();

        thumbnail.Content.Headers.ContentType!.MediaType.Should().Be("image/jpeg");
        using var thumb = Image.NewFromBuffer(await thumbnail.Content.ReadAsByteArrayAsync());
        (thumb.Width, thumb.Height).Should().Be((150, 75));
    }

    [Fact]
    public async Task A_matching_if_none_match_gets_304_and_another_tag_gets_the_bytes()
    {
        using var client = api.CreateClient((await api.SignUpAsync()).AccessToken);
        var id = (await client.AddBookAsync()).GetProperty("id").GetString();
        var first = await client.GetAsync($"/api/books/{id}/cover/thumbnail");
        var etag = first.Headers.ETag!;

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/api/books/{id}/cover/thumbnail");
        conditional.Headers.IfNoneMatch.Add(etag);
        var notModified = await client.SendAsync(conditional);
        using var stale = new HttpRequestMessage(HttpMethod.Get, $"/api/books/{id}/cover/thumbnail");
        stale.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"something-else\""));
        var changed = await client.SendAsync(stale);

        notModified.StatusCode.Should().Be(HttpStatusCode.NotModified);
        (await notModified.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
        changed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await changed.Content.ReadAsByteArrayAsync()).Should().Equal(await first.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("png")]
    [InlineData("webp")]
    [InlineData("gif")]
    public async Task Png_webp_and_gif_covers_are_accepted(string format)
    {
        using var client = api.CreateClient((await api.SignUpAsync()).AccessToken);
        var image = format switch { "png" => TestImages.Png(), "webp" => TestImages.WebP(), _ => TestImages.Gif() };

        // Declared as a JPEG on purpose: the content decides, never the name or the declared type.
        var response = await client.PostAsync("/api/books", BookClient.Form("Format " + format, "d", "poetry", cover: image));

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        (await client.GetAsync($"/api/books/{id}/cover")).Content.Headers.ContentType!.MediaType.Should().Be("image/" + format);
    }

    [Fact]
    public async Task A_jpeg_with_exif_orientation_6_comes_back_upright_and_its_thumbnail_has_no_exif()
    {
        using var client = api.CreateClient((await api.SignUpAsync()).AccessToken);

        var book = await client.AddBookAsync(cover: TestImages.JpegWithExif(300, 200, orientation: 6, withGps: true));

        (book.GetProperty("coverWidth").GetInt32(), book.GetProperty("coverHeight").GetInt32()).Should().Be((200, 300));
        var bytes = await client.GetByteArrayAsync(book.GetProperty("thumbnailUrl").GetString());
        using var thumb = Image.NewFromBuffer(bytes);
        (thumb.Width, thumb.Height).Should().Be((100, 150), "turned upright before it was shrunk");
        thumb.GetFields().Should().NotContain(f => f.StartsWith("exif", StringComparison.Ordinal) || f == "orientation");
        System.Text.Encoding.Latin1.GetString(bytes).Should().NotContain("Exif").And.NotContain("SpyCam");
    }

    // Cases are named, and their bytes made inside the test: xunit would otherwise serialize every
    // byte of every case (12 MB among them) while discovering the tests.
    [Theory]
    [InlineData("a text file named .jpg", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("an HTML file sent as image/png", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("an SVG", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("a header claiming 30000x30000 pixels", HttpStatusCode.BadRequest)]
    [InlineData("a PNG decompression bomb of 20000x20000 pixels in 50 KB", HttpStatusCode.BadRequest)]
    [InlineData("a truncated JPEG", HttpStatusCode.BadRequest)]
    [InlineData("a truncated PNG", HttpStatusCode.BadRequest)]
    [InlineData("a truncated WebP", HttpStatusCode.BadRequest)]
    [InlineData("a 287-byte JPEG whose header says 6000x6000", HttpStatusCode.BadRequest)]
    [InlineData("a zero-byte file", HttpStatusCode.BadRequest)]
    [InlineData("a 12 MB upload", HttpStatusCode.RequestEntityTooLarge)]
    public async Task A_rejected_upload_gets_its_status_and_leaves_no_book(string what, HttpStatusCode expected)
    {
        var (content, declaredType) = what switch
        {
            "a text file named .jpg" => ("just some text, not a picture"u8.ToArray(), "image/jpeg"),
            "an HTML file sent as image/png" => ("<!doctype html><html><script>alert(1)</script></html>"u8.ToArray(), "image/png"),
            "an SVG" => ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>"u8.ToArray(), "image/svg+xml"),
            "a header claiming 30000x30000 pixels" => (TestImages.JpegClaiming(30000, 30000), "image/jpeg"),
            "a PNG decompression bomb of 20000x20000 pixels in 50 KB" => (ReadableBomb(), "image/png"),
            "a truncated JPEG" => (TestImages.Truncated(TestImages.Jpeg(800, 600)), "image/jpeg"),
            "a truncated PNG" => (TestImages.Truncated(TestImages.Png(800, 600)), "image/png"),
            "a truncated WebP" => (TestImages.Truncated(TestImages.WebP(800, 600)), "image/webp"),
            "a 287-byte JPEG whose header says 6000x6000" => (TestImages.TruncatedJpegClaiming(6000, 6000), "image/jpeg"),
            "a zero-byte file" => ([], "image/jpeg"),
            _ => ([0xFF, 0xD8, 0xFF, .. new byte[12 * 1024 * 1024]], "image/jpeg"),
        };
        using var client = api.CreateClient((await api.SignUpAsync()).AccessToken);

        var response = await client.PostAsync("/api/books", BookClient.Form("Rejected", "d", "horror", cover: content, coverType: declaredType));

        await response.ShouldBeProblemAsync(expected);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/books");
        list.GetProperty("totalCount").GetInt64().Should().Be(0, what + " must leave no book");
    }

    /// <summary>The bomb, checked to be what the row says: a file libvips reads as 20000×20000 (so the 400 is for its size, not for being corrupt).</summary>
    private static byte[] ReadableBomb()
    {
        var bomb = TestImages.PngBomb(20000, 20000);
        bomb.Length.Should().BeLessThan(100 * 1024);
        using var header = Image.NewFromBuffer(bomb, access: Enums.Access.Sequential);
        (header.Width, header.Height).Should().Be((20000, 20000));
        return bomb;
    }

    // Below the pixel limit a bomb is just a large picture: accepted, and the limit is what bounds the work
    // (a 5 KB file decoding to 40 million pixels took 0.75 s here).
    [Fact]
    public async Task A_png_bomb_just_under_the_pixel_limit_is_thumbnailed_in_bounded_time()
    {
        var bomb = TestImages.PngBomb(6000, 6600);
        using var client = api.CreateClient((await api.SignUpAsync()).AccessToken);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var response = await client.PostAsync("/api/books", BookClient.Form("Almost a bomb", "d", "fantasy", cover: bomb, coverType: "image/png"));

        watch.Stop();
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15));
        var book = await response.Content.ReadFromJsonAsync<JsonElement>();
        (book.GetProperty("coverWidth").GetInt32(), book.GetProperty("coverHeight").GetInt32()).Should().Be((6000, 6600));
        using var thumb = Image.NewFromBuffer(await client.GetByteArrayAsync(book.GetProperty("thumbnailUrl").GetString()));
        (thumb.Width, thumb.Height).Should().Be((136, 150));
    }

    // A JPEG may carry any bytes in a comment segment or after its end; refusing them would mean guessing at
    // content. Accepted, it must never reach a browser as HTML: stored as uploaded but always served as
    // image/jpeg (the type detected from the content, not the one declared) with nosniff, and the thumbnail
    // is re-encoded from pixels only, so the script is not in it at all.
    [Theory]
    [InlineData("HTML in a JPEG comment segment")]
    [InlineData("HTML appended after the JPEG end marker")]
    public async Task A_jpeg_html_polyglot_is_only_ever_served_as_a_jpeg(string what)
    {
        var polyglot = what == "HTML in a JPEG comment segment" ? TestImages.JpegWithHtmlComment() : TestImages.JpegWithHtmlAfterTheEnd();
        using var client = api.CreateClient((await api.SignUpAsync()).AccessToken);

        var response = await client.PostAsync("/api/books", BookClient.Form("Polyglot", "d", "horror", cover: polyglot, coverName: "cover.html", coverType: "text/html"));

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var book = await response.Content.ReadFromJsonAsync<JsonElement>();
        var cover = await client.GetAsync(book.GetProperty("coverUrl").GetString());
        var thumbnail = await client.GetAsync(book.GetProperty("thumbnailUrl").GetString());
        foreach (var served in new[] { cover, thumbnail })
        {
            served.StatusCode.Should().Be(HttpStatusCode.OK);
            served.Content.Headers.ContentType!.ToString().Should().Be("image/jpeg");
            served.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        }

        (await cover.Content.ReadAsByteArrayAsync()).Should().Equal(polyglot, "the cover is kept as uploaded");
        System.Text.Encoding.Latin1.GetString(await thumbnail.Content.ReadAsByteArrayAsync()).Should().NotContain("<script");
    }

    // libvips reads the first frame only unless asked for more (n), so the frame count must not matter:
    // accepted, measured and thumbnailed from frame one. The files are small; the risk is time and memory.
    [Theory]
    [InlineData("5,000 frames of 1x1")]
    [InlineData("500,000 frames of 1x1, 7.5 MB")]
    [InlineData("1,000 frames of 1000x1000, a billion pixels in all")]
    public async Task A_gif_with_many_frames_is_accepted_quickly_with_a_thumbnail_of_its_first_frame(string what)
    {
        var (gif, size) = what switch
        {
            "5,000 frames of 1x1" => (TestImages.AnimatedGif(5_000), 1),
            "500,000 frames of 1x1, 7.5 MB" => (TestImages.AnimatedGif(500_000), 1),
            _ => (TestImages.AnimatedGif(1_000, 1000, 1000), 1000),
        };
        gif.Length.Should().BeLessThan(10 * 1024 * 1024, "within the upload limit");
        using var client = api.CreateClient((await api.SignUpAsync()).AccessToken);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var response = await client.PostAsync("/api/books", BookClient.Form("Animated", "d", "fantasy", cover: gif, coverType: "image/gif"));

        watch.Stop();
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        // A bound against pathological slowness on a shared machine (measured here, upload and storage included:
        // 0.2 s for 5,000 frames, 1.3–3.7 s for the two larger files); the sizes below show one frame was decoded.
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15));
        var book = await response.Content.ReadFromJsonAsync<JsonElement>();
        (book.GetProperty("coverWidth").GetInt32(), book.GetProperty("coverHeight").GetInt32()).Should().Be((size, size), "one frame, not a strip of all of them");
        using var thumb = Image.NewFromBuffer(await client.GetByteArrayAsync(book.GetProperty("thumbnailUrl").GetString()));
        (thumb.Width, thumb.Height).Should().Be((Math.Min(size, 150), Math.Min(size, 150)));
        var topLeft = thumb.Getpoint(0, 0);
        topLeft[0].Should().BeGreaterThan(topLeft[2], "the first frame starts red (in the 1x1 GIFs every later frame is blue)");
    }

    [Fact]
    public async Task Missing_or_invalid_fields_answer_400_listing_each()
    {
        using var client = api.CreateClient((await api.SignUpAsync()).AccessToken);

        var response = await client.PostAsync("/api/books", BookClient.Form(" ", new string('d', 4001), "cookery"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ErrorFields().Should().BeEquivalentTo("title", "description", "category", "cover");
    }

    [Fact]
    public async Task A_second_book_with_the_same_title_in_any_case_answers_409()
    {
        using var client = api.CreateClient((await api.SignUpAsync()).AccessToken);
        await client.AddBookAsync("Solaris");

        var again = await client.PostAsync("/api/books", BookClient.Form(" SOLARIS ", "d", "science", cover: TestImages.Jpeg()));

        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        using var other = api.CreateClient((await api.SignUpAsync()).AccessToken);
        (await other.PostAsync("/api/books", BookClient.Form("Solaris", "d", "science", cover: TestImages.Jpeg())))
            .StatusCode.Should().Be(HttpStatusCode.Created, "titles are unique per owner only");
    }

    [Fact]
    public async Task An_author_id_that_is_not_one_of_mine_answers_400_on_add_and_on_update()
    {
        using var mine = api.CreateClient((await api.SignUpAsync()).AccessToken);
        using var theirs = api.CreateClient((await api.SignUpAsync()).AccessToken);
        var theirAuthor = (await theirs.AddAuthorAsync()).GetProperty("id").GetString();

        var response = await mine.PostAsync("/api/books", BookClient.Form("T", "d", "science", theirAuthor, TestImages.Jpeg()));
        var myBook = (await mine.AddBookAsync()).GetProperty("id").GetString();
        var update = await mine.PutAsync($"/api/books/{myBook}", BookClient.Form(authorId: theirAuthor));

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().Should().Equal("authorId");
        (await update.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().Should().Equal("authorId");
        (await mine.GetFromJsonAsync<JsonElement>($"/api/books/{myBook}")).GetProperty("authorId").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task List_is_newest_first_paged_and_filters_by_category_and_title()
    {
        using var client = api.CreateClient((await api.SignUpAsync()).AccessToken);
        foreach (var (title, category) in new[] { ("Dune", "science"), ("Emma", "romance"), ("Dune Messiah", "science"), ("Dracula", "horror") })
        {
            await client.AddBookAsync(title, category);
        }

        var all = await client.GetFromJsonAsync<JsonElement>("/api/books?page=1&pageSize=3");
        var second = await client.GetFromJsonAsync<JsonElement>("/api/books?page=2&pageSize=3");
        var science = await client.GetFromJsonAsync<JsonElement>("/api/books?category=Science");
        var dune = await client.GetFromJsonAsync<JsonElement>("/api/books?q=dUnE");

        Titles(all).Should().Equal("Dracula", "Dune Messiah", "Emma");
        (all.GetProperty("page").GetInt32(), all.GetProperty("pageSize").GetInt32(), all.GetProperty("totalCount").GetInt64()).Should().Be((1, 3, 4));
        Titles(second).Should().Equal("Dune");
        Titles(science).Should().Equal("Dune Messiah", "Dune");
        Titles(dune).Should().Equal("Dune Messiah", "Dune");
        (await client.GetFromJsonAsync<JsonElement>("/api/books")).GetProperty("pageSize").GetInt32().Should().Be(20);
    }

    [Theory]
    [InlineData("pageSize=101")]
    [InlineData("pageSize=0")]
    [InlineData("page=0")]
    [InlineData("page=abc")]
    [InlineData("category=cookery")]
    public async Task A_bad_list_query_answers_400(string query)
    {
        using var client = api.CreateClient((await api.SignUpAsync()).AccessToken);

        await (await client.GetAsync("/api/books?" + query)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_regex_or_wildcard_in_q_is_matched_literally()
    {
        using var client = api.CreateClient((await api.SignUpAsync()).AccessToken);
        await client.AddBookAsync("Plain title");

        var list = await client.GetFromJsonAsync<JsonElement>("/api/books?q=" + Uri.EscapeDataString(".*"));

        list.GetProperty("totalCount").GetInt64().Should().Be(0);
    }

    [Fact]
    public async Task Update_changes_only_the_given_fields_and_can_replace_the_cover()
    {
        using var client = api.CreateClient((await api.SignUpAsync()).AccessToken);
        var book = await client.AddBookAsync("Old title", "fantasy", TestImages.Jpeg(300, 200));
        var id = book.GetProperty("id").GetString();
        var oldCover = await client.GetByteArrayAsync($"/api/books/{id}/cover");

        var titleOnly = await client.PutAsync($"/api/books/{id}", BookClient.Form(title: "New title"));
        var coverOnly = await client.PutAsync($"/api/books/{id}", BookClient.Form(cover: TestImages.Png(100, 400)));

        titleOnly.StatusCode.Should().Be(HttpStatusCode.OK, await titleOnly.Content.ReadAsStringAsync());
        coverOnly.StatusCode.Should().Be(HttpStatusCode.OK, await coverOnly.Content.ReadAsStringAsync());
        var updated = await coverOnly.Content.ReadFromJsonAsync<JsonElement>();
        updated.GetProperty("title").GetString().Should().Be("New title");
        updated.GetProperty("category").GetString().Should().Be("fantasy");
        updated.GetProperty("description").GetString().Should().Be("About things");
        (updated.GetProperty("coverWidth").GetInt32(), updated.GetProperty("coverHeight").GetInt32()).Should().Be((100, 400));
        updated.GetProperty("updatedAt").GetDateTimeOffset().Should().BeOnOrAfter(book.GetProperty("createdAt").GetDateTimeOffset());
        (await client.GetByteArrayAsync($"/api/books/{id}/cover")).Should().NotEqual(oldCover);
    }

    [Fact]
    public async Task Update_to_a_title_i_already_have_answers_409_and_changes_nothing()
    {
        using var client = api.CreateClient((await api.SignUpAsync()).AccessToken);
        await client.AddBookAsync("Taken");
        var id = (await client.AddBookAsync("Mine")).GetProperty("id").GetString();

        await (await client.PutAsync($"/api/books/{id}", BookClient.Form(title: "taken"))).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        (await client.GetFromJsonAsync<JsonElement>($"/api/books/{id}")).GetProperty("title").GetString().Should().Be("Mine");
    }

    [Fact]
    public async Task Delete_removes_the_book_and_its_files()
    {
        using var client = api.CreateClient((await api.SignUpAsync()).AccessToken);
        var id = (await client.AddBookAsync()).GetProperty("id").GetString();

        (await client.DeleteAsync($"/api/books/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        await (await client.GetAsync($"/api/books/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/books/{id}/cover")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/api/books/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Authors_are_created_listed_and_deleted_unless_a_book_names_them()
    {
        using var client = api.CreateClient((await api.SignUpAsync()).AccessToken);
        var response = await client.PostAsJsonAsync("/api/authors", new { name = " Hilary Mantel ", country = "UK", bookerPrize = true });
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var author = await response.Content.ReadFromJsonAsync<JsonElement>();
        var authorId = author.GetProperty("id").GetString();
        response.Headers.Location!.ToString().Should().Be($"/api/authors/{authorId}");
        author.GetProperty("name").GetString().Should().Be("Hilary Mantel");
        author.GetProperty("bookerPrize").GetBoolean().Should().BeTrue();
        // The Location answers, with the author exactly as created and as the list shows it.
        var located = await client.GetStringAsync(response.Headers.Location);
        located.Should().Be(await response.Content.ReadAsStringAsync());
        (await client.GetFromJsonAsync<JsonElement[]>("/api/authors")).Should().ContainSingle().Which.GetRawText().Should().Be(located);
        var bookId = (await client.AddBookAsync("Wolf Hall", "politics", authorId: authorId)).GetProperty("id").GetString();

        await (await client.DeleteAsync($"/api/authors/{authorId}")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await client.PutAsync($"/api/books/{bookId}", BookClient.Form(authorId: ""))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.DeleteAsync($"/api/authors/{authorId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await client.GetFromJsonAsync<JsonElement[]>("/api/authors")).Should().BeEmpty();
        (await client.GetFromJsonAsync<JsonElement>($"/api/books/{bookId}")).GetProperty("authorId").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task Author_validation_answers_400()
    {
        using var client = api.CreateClient((await api.SignUpAsync()).AccessToken);

        var response = await client.PostAsJsonAsync("/api/authors", new { name = "", country = new string('x', 101), bookerPrize = false });

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().Should().BeEquivalentTo("name", "country");
    }

    [Fact]
    public async Task Every_library_route_needs_a_token()
    {
        using var anonymous = api.CreateClient();

        foreach (var path in new[] { "/api/books", "/api/books/categories", "/api/authors", "/api/books/0123456789abcdef01234567/cover" })
        {
            await (await anonymous.GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        }
    }

    private static IEnumerable<string?> Titles(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(b => b.GetProperty("title").GetString());
}

public sealed class EmbeddedBookApiTests(EmbeddedApiFixture fixture) : BookApiTests(fixture.Api), IClassFixture<EmbeddedApiFixture>;

public sealed class MongoWireBookApiTests(MongoWireApiFixture fixture) : BookApiTests(fixture.Api), IClassFixture<MongoWireApiFixture>;
