using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CleanAuth.Tests.Integration.Support;

/// <summary>Builds the multipart forms of the book routes.</summary>
public static class BookClient
{
    public static MultipartFormDataContent Form(
        string? title = null,
        string? description = null,
        string? category = null,
        string? authorId = null,
        byte[]? cover = null,
        string coverName = "cover.jpg",
        string coverType = "image/jpeg")
    {
        var form = new MultipartFormDataContent();
        void Field(string name, string? value)
        {
            if (value is not null)
            {
                form.Add(new StringContent(value), name);
            }
        }

        Field("title", title);
        Field("description", description);
        Field("category", category);
        Field("authorId", authorId);
        if (cover is not null)
        {
            var file = new ByteArrayContent(cover);
            file.Headers.ContentType = new MediaTypeHeaderValue(coverType);
            form.Add(file, "cover", coverName);
        }

        return form;
    }

    /// <summary>The import route's form: the file (as <c>library.csv</c>, text/csv) and an optional default category.</summary>
    public static MultipartFormDataContent ImportForm(byte[] csv, string? defaultCategory = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(csv);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "library.csv");
        if (defaultCategory is not null)
        {
            form.Add(new StringContent(defaultCategory), "defaultCategory");
        }

        return form;
    }

    public static async Task<JsonElement> AddBookAsync(this HttpClient client, string? title = null, string category = "science", byte[]? cover = null, string? authorId = null)
    {
        var response = await client.PostAsync("/api/books", Form(title ?? $"Book {Guid.NewGuid():N}", "About things", category, authorId, cover ?? TestImages.Jpeg()));
        var body = await response.Content.ReadAsStringAsync();
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> AddAuthorAsync(this HttpClient client, string name = "Ursula K. Le Guin")
    {
        var response = await client.PostAsJsonAsync("/api/authors", new { name, country = "USA", bookerPrize = false });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
