using System.Text;
using System.Text.Json;

namespace CleanAuth.Tests.Integration.Fuzz;

/// <summary>The answer a generated request must get.</summary>
public enum Expected
{
    /// <summary>A 4xx problem: the request is malformed (or aimed at something that is not there, or not the caller's).</summary>
    ClientError,

    /// <summary>A 2xx: the request is valid, and what it changes goes into the model.</summary>
    Success,
}

/// <summary>
/// One generated request: the damage it carries (its category) and the answer it must get. It is planned
/// against the model only when it is sent, because valid requests need the ids and tokens of that moment.
/// </summary>
public sealed record FuzzCase(string Category, Expected Expected, Func<FuzzModel, FuzzRequest> Plan);

/// <summary>A request ready to send, and what to record in the model if the API accepts it.</summary>
public sealed class FuzzRequest(string route, HttpRequestMessage message, string preview, Action<JsonElement>? onSuccess = null)
{
    public string Route { get; } = route;

    public HttpRequestMessage Message { get; } = message;

    /// <summary>A short description for failure messages: enough to see what was sent.</summary>
    public string Preview { get; } = preview;

    /// <summary>Applies the request's effect to the model; given the response body (Undefined when there is none).</summary>
    public Action<JsonElement>? OnSuccess { get; } = onSuccess;

    /// <summary>A request to a route with its id, a body and the caller's access token (none for anonymous).</summary>
    public static FuzzRequest To(string route, string? id, HttpContent? body, string? token, Action<JsonElement>? onSuccess = null, string? pathAndQuery = null)
    {
        var path = pathAndQuery ?? FuzzRoutes.PathOf(route, id);
        var message = new HttpRequestMessage(FuzzRoutes.MethodOf(route), new Uri(path, UriKind.Relative)) { Content = body };
        if (token is not null)
        {
            message.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }

        return new FuzzRequest(route, message, $"{message.Method} {Shorten(path)} {Describe(body)}", onSuccess);
    }

    public static string Shorten(string text) => text.Length <= 160 ? text : $"{text[..160]}…({text.Length} chars)";

    private static string Describe(HttpContent? body)
    {
        if (body is null)
        {
            return "(no body)";
        }

        var type = body.Headers.TryGetValues("Content-Type", out var values) ? string.Join(",", values) : "(no content type)";
        var bytes = body.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        var text = Encoding.UTF8.GetString(bytes.AsSpan(0, Math.Min(bytes.Length, 300)));
        return $"[{Shorten(type)}] {bytes.Length} bytes: {text}";
    }
}

/// <summary>Bodies built byte by byte, so they can be as wrong as a hostile client makes them.</summary>
public static class Bodies
{
    public static HttpContent Json(string json) => Raw(Encoding.UTF8.GetBytes(json), "application/json");

    /// <summary>A body with exactly these bytes and this Content-Type header, unvalidated (null: no header at all).</summary>
    public static HttpContent Raw(byte[] bytes, string? contentType)
    {
        var content = new ByteArrayContent(bytes);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return content;
    }

    public static string Quote(string value) => JsonSerializer.Serialize(value);

    /// <summary>A JSON object whose members are already JSON (so any member can be of the wrong type).</summary>
    public static string Object(IEnumerable<(string Name, string Json)> members) =>
        "{" + string.Join(",", members.Select(m => Quote(m.Name) + ":" + m.Json)) + "}";

    public static HttpContent UrlEncoded(params (string Name, string Value)[] fields) =>
        new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    /// <summary>A multipart form written by hand: parts may repeat, carry any bytes, and the closing line may be missing.</summary>
    public static HttpContent Multipart(IEnumerable<Part> parts, string? contentType = "multipart/form-data; boundary=fuzz-boundary", bool closed = true)
    {
        using var body = new MemoryStream();
        void Write(string text) => body.Write(Encoding.UTF8.GetBytes(text));
        foreach (var part in parts)
        {
            Write("--fuzz-boundary\r\n");
            Write(part.FileName is null
                ? $"Content-Disposition: form-data; name=\"{part.Name}\"\r\n"
                : $"Content-Disposition: form-data; name=\"{part.Name}\"; filename=\"{part.FileName}\"\r\n");
            if (part.ContentType is not null)
            {
                Write($"Content-Type: {part.ContentType}\r\n");
            }

            Write("\r\n");
            body.Write(part.Bytes);
            Write("\r\n");
        }

        if (closed)
        {
            Write("--fuzz-boundary--\r\n");
        }

        return Raw(body.ToArray(), contentType);
    }

    /// <summary>A well-formed multipart form of the book routes (null fields are left out).</summary>
    public static HttpContent BookForm(string? title, string? category, string? description = null, string? authorId = null, byte[]? cover = null, string coverType = "image/jpeg") =>
        Multipart(BookParts(title, category, description, authorId, cover, coverType));

    public static List<Part> BookParts(string? title, string? category, string? description = null, string? authorId = null, byte[]? cover = null, string coverType = "image/jpeg")
    {
        var parts = new List<Part>();
        void Text(string name, string? value)
        {
            if (value is not null)
            {
                parts.Add(Part.Text(name, value));
            }
        }

        Text("title", title);
        Text("category", category);
        Text("description", description);
        Text("authorId", authorId);
        if (cover is not null)
        {
            parts.Add(new Part("cover", cover, "cover.jpg", coverType));
        }

        return parts;
    }
}

public sealed record Part(string Name, byte[] Bytes, string? FileName = null, string? ContentType = null)
{
    public static Part Text(string name, string value) => new(name, Encoding.UTF8.GetBytes(value));
}
