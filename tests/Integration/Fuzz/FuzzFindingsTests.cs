using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Fuzz;

/// <summary>Bugs the fuzzer found, pinned down one by one so they stay fixed whatever the fuzzer's seed.</summary>
public sealed class FuzzFindingsTests(EmbeddedApiFixture fixture) : IClassFixture<EmbeddedApiFixture>
{
    private readonly CleanAuthApi _api = fixture.Api;

    [Theory]
    [InlineData("title")]
    [InlineData("category")]
    [InlineData("description")]
    [InlineData("authorId")]
    [InlineData("cover")]
    public async Task A_book_form_with_a_field_sent_twice_is_refused_and_stores_nothing(string field)
    {
        using var client = _api.CreateClient((await _api.SignUpAsync()).AccessToken);
        var author = (await client.AddAuthorAsync()).GetProperty("id").GetString()!;
        var existing = (await client.AddBookAsync(title: "Before")).GetProperty("id").GetString();

        var add = await client.PostAsync("/api/books", FormWithTwice(field, author));
        var update = await client.PutAsync($"/api/books/{existing}", FormWithTwice(field, author));

        foreach (var response in new[] { add, update })
        {
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            problem.ErrorFields().Should().Equal(field);
        }

        var books = await client.GetFromJsonAsync<JsonElement>("/api/books");
        books.GetProperty("items").EnumerateArray().Select(b => b.GetProperty("title").GetString()).Should().Equal("Before");
    }

    [Theory]
    [InlineData("{\"password\":\"whatever it is\"}")]
    [InlineData("{\"email\":null,\"password\":\"whatever it is\"}")]
    public async Task A_login_without_an_email_is_a_400_not_a_500(string json)
    {
        using var client = _api.CreateClient();

        var response = await client.PostAsync("/api/auth/login", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().Should().Equal("email");
    }

    [Fact]
    public async Task A_book_form_with_no_fields_at_all_is_a_400_to_add_and_changes_nothing_to_edit()
    {
        using var client = _api.CreateClient((await _api.SignUpAsync()).AccessToken);
        var book = await client.AddBookAsync(title: "Unchanged");
        var id = book.GetProperty("id").GetString();

        var add = await client.PostAsync("/api/books", NoParts());
        var edit = await client.PutAsync($"/api/books/{id}", NoParts());

        (await add.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().Should().Contain(["title", "cover"]);
        edit.StatusCode.Should().Be(HttpStatusCode.OK, await edit.Content.ReadAsStringAsync());
        (await client.GetFromJsonAsync<JsonElement>($"/api/books/{id}")).GetProperty("title").GetString().Should().Be("Unchanged");
    }

    [Theory]
    [InlineData(",,,")]
    [InlineData("Book Id,Title,Author,Title")]
    [InlineData("Book Id,Title,Author,,")]
    public async Task An_import_whose_header_names_a_column_twice_is_a_400_on_the_file_and_stores_nothing(string header)
    {
        using var client = _api.CreateClient((await _api.SignUpAsync()).AccessToken);
        using var form = BookClient.ImportForm(System.Text.Encoding.UTF8.GetBytes($"{header}\r\n1,Dune,Frank Herbert,science\r\n"), "science");

        var response = await client.PostAsync("/api/books/import", form);

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().Should().Equal("file");
        (await client.GetFromJsonAsync<JsonElement>("/api/books")).GetProperty("totalCount").GetInt64().Should().Be(0);
    }

    [Theory]
    [InlineData("/api/auth/passkey", false)]
    [InlineData("/api/users/me/passkeys", true)]
    public async Task A_passkey_credential_with_bytes_that_are_not_UTF8_is_a_400_on_the_credential(string route, bool signedIn)
    {
        var user = await _api.SignUpConfirmedAsync();
        using var client = signedIn ? _api.CreateClient(user.AccessToken) : _api.CreateClient();
        byte[] body = [.. "{\"ceremonyId\":\"0123456789abcdef01234567\",\"credential\":{\"id\":\""u8, 0xC3, 0x28, .. "\",\"type\":\"public-key\"}}"u8];
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");

        var response = await client.PostAsync(route, content);

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().Should().Equal("credential");
    }

    // Only the closing boundary: a well-formed form without a single part (the binder then gives no form object at all).
    private static ByteArrayContent NoParts()
    {
        var content = new ByteArrayContent("--empty--\r\n"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=empty");
        return content;
    }

    private static MultipartFormDataContent FormWithTwice(string field, string authorId)
    {
        var form = BookClient.Form("Twice", "first description", "poetry", authorId, TestImages.Jpeg(40, 30));
        if (field == "cover")
        {
            var second = new ByteArrayContent(TestImages.Png(30, 40));
            second.Headers.ContentType = new("image/png");
            form.Add(second, "cover", "second.png");
        }
        else
        {
            form.Add(new StringContent(field == "category" ? "horror" : "second"), field);
        }

        return form;
    }
}
