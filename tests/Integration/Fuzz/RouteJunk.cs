using System.Text;
using CsCheck;

namespace CleanAuth.Tests.Integration.Fuzz;

/// <summary>Generators of malformed requests to the multipart, id, query-string and no-body routes.</summary>
public static class RouteJunk
{
    private static readonly Lazy<byte[]> SmallJpeg = new(() => TestImages.Jpeg(48, 32));

    public static byte[] Cover => SmallJpeg.Value;

    private static readonly Gen<string> BookRoute = Gen.OneOf(FuzzRoutes.AddBook, FuzzRoutes.UpdateBook);

    /// <summary>The owner's book to edit (an unknown id when there is none yet: still a 4xx, by a different path).</summary>
    private static string BookIdFor(FuzzModel m, int position) =>
        FuzzModel.Pick([.. m.Books.Keys], position) ?? "0123456789abcdef01234567";

    private static FuzzRequest SendBook(FuzzModel m, string route, int position, HttpContent body) =>
        FuzzRequest.To(route, route == FuzzRoutes.UpdateBook ? BookIdFor(m, position) : null, body, m.Owner.Session!.AccessToken);

    private static FuzzCase Refused(string category, Func<FuzzModel, FuzzRequest> plan) => new(category, Expected.ClientError, plan);

    /// <summary>Adding a book without its title or cover, or an empty form. (Editing takes any subset of fields, so it is not here.)</summary>
    public static readonly Gen<FuzzCase> MissingPart = Gen.Int[0, 3].Select(kind => Refused(Categories.MissingPart, m =>
        SendBook(m, FuzzRoutes.AddBook, 0, kind switch
        {
            0 => Bodies.BookForm(null, "science", cover: Cover),
            1 => Bodies.BookForm($"No cover {m.Next()}", "science"),
            2 => Bodies.Multipart([]),
            _ => Bodies.BookForm($"No category {m.Next()}", null, cover: Cover),
        })));

    /// <summary>A field or the file twice: which one would count is anybody's guess, so the API must refuse.</summary>
    public static readonly Gen<FuzzCase> DuplicatedPart = Gen.Select(BookRoute, Gen.OneOf("title", "category", "cover", "description", "authorId"), Gen.Int[0, 1000],
        (route, field, position) => Refused(Categories.DuplicatedPart, m =>
        {
            var parts = Bodies.BookParts($"Twice {m.Next()}", "poetry", "first", null, Cover);
            parts.Add(field == "cover" ? new Part("cover", Cover, "second.jpg", "image/jpeg") : Part.Text(field, field == "category" ? "horror" : $"second {m.Next()}"));
            return SendBook(m, route, position, Bodies.Multipart(parts));
        }));

    /// <summary>A cover that is not an image (whatever the part says), truncated, or empty.</summary>
    public static readonly Gen<FuzzCase> WrongPartContent = Gen.Select(BookRoute, Gen.Int[0, 5], Gen.Int[0, 1000],
        (route, kind, position) => Refused(Categories.WrongPartContent, m =>
        {
            var (bytes, type) = kind switch
            {
                0 => ("not an image at all"u8.ToArray(), "image/jpeg"),
                1 => (TestImages.Truncated(Cover), "image/jpeg"),
                2 => ([], "image/png"),
                3 => ("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray(), "image/svg+xml"),
                4 => ("%PDF-1.4\n%âãÏÓ"u8.ToArray(), "application/pdf"),
                _ => ([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0], "text/plain"),
            };
            return SendBook(m, route, position, Bodies.BookForm($"Bad cover {m.Next()}", "fantasy", cover: bytes, coverType: type));
        }));

    /// <summary>Multipart whose framing cannot be read: no boundary, another boundary, no closing line, or garbage.</summary>
    public static readonly Gen<FuzzCase> NoBoundary = Gen.Select(BookRoute, Gen.Int[0, 4], Gen.Int[0, 1000],
        (route, kind, position) => Refused(Categories.NoBoundary, m =>
        {
            var parts = Bodies.BookParts($"Unframed {m.Next()}", "romance", cover: Cover);
            return SendBook(m, route, position, kind switch
            {
                0 => Bodies.Multipart(parts, "multipart/form-data"),
                1 => Bodies.Multipart(parts, "multipart/form-data; boundary=another-boundary"),
                2 => Bodies.Multipart(parts, closed: false),
                3 => Bodies.Raw("--fuzz-boundary\r\nno headers, no end"u8.ToArray(), "multipart/form-data; boundary=fuzz-boundary"),
                _ => Bodies.Multipart(parts, "multipart/form-data; boundary=" + new string('b', 200)),
            });
        }));

    /// <summary>The book routes sent JSON, text or nothing.</summary>
    public static readonly Gen<FuzzCase> WrongContentType = Gen.Select(BookRoute, Junk.NonJsonContentType, Gen.Int[0, 1000],
        (route, type, position) => Refused(Categories.WrongContentType, m => SendBook(m, route, position, type is null
            ? Bodies.Raw([], null)
            : Bodies.Raw(Encoding.UTF8.GetBytes("{\"title\":\"As JSON\",\"category\":\"science\"}"), type == "text/plain" ? "application/json" : type))));

    /// <summary>Well-framed forms with one field the validator must refuse.</summary>
    public static readonly Gen<FuzzCase> InvalidField = Gen.Select(BookRoute, Gen.Int[0, 7], Gen.Int[0, 1000], Junk.ControlChar, Junk.InvalidId,
        (route, kind, position, control, badId) => Refused(Categories.InvalidField, m =>
        {
            var title = $"Field {m.Next()}";
            return SendBook(m, route, position, kind switch
            {
                0 => Bodies.BookForm(new string('t', 201 + (position % 300)), "science", cover: Cover),
                1 => Bodies.BookForm("   ", "science", cover: Cover),
                2 => Bodies.BookForm(title, "science fiction", cover: Cover),
                3 => Bodies.BookForm(title, "{\"$gt\":\"\"}", cover: Cover),
                4 => Bodies.BookForm(title, "science", new string('d', 4001 + position), cover: Cover),
                5 => Bodies.BookForm(Junk.WithControl(title, control, position), "science", cover: Cover),
                6 => Bodies.BookForm(title, "science", authorId: badId, cover: Cover),
                _ => Bodies.BookForm(new string('h', 100 * 1024 + position), "science", cover: Cover),
            });
        }));

    /// <summary>A title part whose bytes are not UTF-8. The form reader decodes them to U+FFFD, so the control character makes it a 400 either way.</summary>
    public static readonly Gen<FuzzCase> InvalidUtf8Part = Gen.Select(BookRoute, Junk.InvalidUtf8, Gen.Int[0, 1000],
        (route, bytes, position) => Refused(Categories.InvalidUtf8, m =>
        {
            var parts = Bodies.BookParts(null, "science", cover: Cover);
            parts.Add(new Part("title", [.. "Bad bytes \u0007"u8, .. bytes, .. Encoding.UTF8.GetBytes(m.Next().ToString(System.Globalization.CultureInfo.InvariantCulture))]));
            return SendBook(m, route, position, Bodies.Multipart(parts));
        }));

    /// <summary>Every id route, with an id nothing has (including paths built to escape the route), or the id of another kind of thing.</summary>
    public static readonly Gen<FuzzCase> InvalidId = Gen.Select(
        Gen.OneOf(FuzzRoutes.GetBook, FuzzRoutes.UpdateBook, FuzzRoutes.DeleteBook, FuzzRoutes.GetCover, FuzzRoutes.GetThumbnail, FuzzRoutes.GetAuthor, FuzzRoutes.DeleteAuthor,
            FuzzRoutes.DisableUser, FuzzRoutes.EnableUser, FuzzRoutes.GrantAdmin, FuzzRoutes.RevokeAdmin, FuzzRoutes.ResetTwoFactor, FuzzRoutes.EraseUser,
            FuzzRoutes.ListUserActivity, FuzzRoutes.EndSession, FuzzRoutes.GetPasskey, FuzzRoutes.RenamePasskey, FuzzRoutes.RemovePasskey),
        Junk.InvalidId, Gen.Int[0, 4], Gen.Int[0, 1000],
        (route, junkId, kind, position) => Refused(Categories.InvalidId, m =>
        {
            var isAdminRoute = route.Contains("/admin/", StringComparison.Ordinal);
            // One in five uses a real id of the wrong kind: an author's or the user's own id on a book route, a book's on the others.
            var id = kind == 0
                ? (route.Contains("/books/", StringComparison.Ordinal)
                    ? FuzzModel.Pick([.. m.Authors.Keys], position) ?? m.Owner.Id
                    : FuzzModel.Pick([.. m.Books.Keys], position) ?? junkId)
                : junkId;
            // A dot segment is resolved by the client (RFC 3986, as Kestrel does too): under /api/users/me/ it would
            // name /api/users/me itself, a real route (DELETE there disables the owner), so three dots stand in.
            id = id == "%2e%2e" && route.Contains("/users/me/", StringComparison.Ordinal) ? "%2e%2e%2e" : id;
            var body = route switch
            {
                FuzzRoutes.UpdateBook => Bodies.BookForm($"Nowhere {m.Next()}", "science"),
                FuzzRoutes.RenamePasskey => Bodies.Json("{\"name\":\"Nowhere\"}"),
                _ => null,
            };
            return FuzzRequest.To(route, id, body, isAdminRoute ? m.Admin.Session!.AccessToken : m.Owner.Session!.AccessToken);
        }));

    /// <summary>Paging, sorting, cursors, filters and formats out of range, of the wrong type, repeated, or too long.</summary>
    public static readonly Gen<FuzzCase> BadQuery = Gen.Select(Gen.Int[0, 4], Gen.Int[0, 13], Gen.Int[0, 300],
        (target, kind, extra) => Refused(Categories.BadQuery, m =>
        {
            var (route, id, token, query) = target switch
            {
                0 => (FuzzRoutes.ListBooks, null, m.Owner.Session!.AccessToken, BookQuery(kind, extra)),
                1 => (FuzzRoutes.ListUsers, null, m.Admin.Session!.AccessToken, UserQuery(kind, extra)),
                2 => (FuzzRoutes.ListMyActivity, null, m.Owner.Session!.AccessToken, ActivityQuery(kind, extra)),
                3 => (FuzzRoutes.ListUserActivity, m.Owner.Id, m.Admin.Session!.AccessToken, ActivityQuery(kind, extra)),
                _ => (FuzzRoutes.ExportBooks, (string?)null, m.Owner.Session!.AccessToken, ExportQuery(kind, extra)),
            };
            return FuzzRequest.To(route, id, null, token, pathAndQuery: FuzzRoutes.PathOf(route, id) + "?" + query);
        }));

    private static string PagingQuery(int kind) => kind switch
    {
        0 => "page=0",
        1 => "page=-1",
        2 => "page=abc",
        3 => "pageSize=0",
        4 => "pageSize=101",
        5 => "page=99999999999",
        _ => "page=1&page=2",
    };

    private static string BookQuery(int kind, int extra) => kind switch
    {
        < 7 => PagingQuery(kind),
        7 => "category=nope",
        8 => "q=" + new string('q', 201 + extra),
        9 => "category=%00",
        10 => new[] { "sort=nope", "sort=--title", "sort=title,createdAt", "sort=%2Btitle", "sort=Title%00" }[extra % 5],
        11 => "cursor=" + new[] { "!!!", "bm90IGEgY3Vyc29y", "%00", "a", "e30" }[extra % 5],
        12 => "cursor=" + new string('c', 2049 + extra),
        _ => (extra % 4) switch
        {
            0 => "cursor=e30&page=" + (1 + extra), // a cursor and a page at once
            1 => "cursor=" + Cursor("createdAt\nnot-an-id\n5"),
            2 => "cursor=" + Cursor("-createdAt\n0123456789abcdef01234567\n99999999999999999999"),
            _ => "sort=createdAt&cursor=" + Cursor("title\n0123456789abcdef01234567\nA title"), // another sort's cursor
        },
    };

    /// <summary>Text in a book cursor's encoding (base64url), so it passes as a cursor until its content is read.</summary>
    private static string Cursor(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string UserQuery(int kind, int extra) => kind switch
    {
        < 7 => PagingQuery(kind),
        7 or 10 => "page=1000001",
        8 or 11 => "email=" + new string('e', 255 + extra),
        _ => "pageSize=1e2",
    };

    /// <summary>The activity pages by cursor only (page is not one of its parameters, so it is not here).</summary>
    private static string ActivityQuery(int kind, int extra) => kind switch
    {
        0 => "pageSize=0",
        1 => "pageSize=101",
        2 => "pageSize=-5",
        3 => "pageSize=abc",
        4 => "pageSize=1e2",
        5 => "pageSize=1&pageSize=2",
        6 => "cursor=!!!",
        7 => "cursor=bm90IGEgY3Vyc29y", // "not a cursor", well-formed base64
        8 => "cursor=" + new string('c', 3000 + extra),
        9 => "cursor=%00",
        10 => "cursor=a&cursor=b",
        11 => "cursor=MTIzLng", // "123.x": the shape of a cursor, but not an id after the dot
        12 => "cursor=LTEuNjc0MGIyYzFlNGIwYTFiMmMzZDRlNWY5", // "-1.6740b2c1e4b0a1b2c3d4e5f9"
        _ => "pageSize=99999999999",
    };

    private static string ExportQuery(int kind, int extra) => kind switch
    {
        0 or 7 => "format=xml",
        1 or 8 => "format=CSV",
        2 or 9 => "format=csv&format=json",
        3 or 10 => "format=%00",
        4 or 11 => "format=" + new string('f', 100 + extra),
        5 or 12 => "format=json%20",
        _ => "format=application%2Fjson",
    };

    private static readonly IReadOnlyList<string> SignedInRoutes = [.. FuzzRoutes.All.Where(r =>
        r is not (FuzzRoutes.Register or FuzzRoutes.Login or FuzzRoutes.Refresh or FuzzRoutes.Logout or FuzzRoutes.Live or FuzzRoutes.Ready
            or FuzzRoutes.ConfirmEmail or FuzzRoutes.ResendConfirmation or FuzzRoutes.ForgotPassword or FuzzRoutes.ResetPassword
            or FuzzRoutes.BeginPasskeySignIn or FuzzRoutes.PasskeySignIn))];

    /// <summary>Every signed-in route without a usable token: none, forged, another scheme, or an absurd one (64 KB).</summary>
    public static readonly Gen<FuzzCase> BadCredentials = Gen.Select(Gen.OneOf([.. SignedInRoutes]), Gen.Int[0, 5], Gen.Int[0, 1000],
        (route, kind, position) => new FuzzCase(kind == 5 ? Categories.AbsurdHeaders : Categories.BadCredentials, Expected.ClientError, m =>
        {
            var id = FuzzModel.Pick([.. m.Books.Keys], position) ?? "0123456789abcdef01234567";
            var request = FuzzRequest.To(route, route.Contains("{id}", StringComparison.Ordinal) ? id : null, null, null);
            var authorization = kind switch
            {
                0 => null,
                1 => "Bearer not.a.jwt",
                2 => "Bearer " + m.Owner.Session!.AccessToken[..^4] + "AAAA",
                3 => "Basic " + Convert.ToBase64String("owner:password"u8),
                4 => "Bearer eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJyb290In0.",
                _ => "Bearer " + new string('A', 64 * 1024),
            };
            if (authorization is not null)
            {
                request.Message.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            return request;
        }));

    /// <summary>
    /// An <c>If-Match</c> that names no revision of the book (a stale version, a weak tag, not a tag at all), on
    /// an edit or a delete of one of the owner's books: 412, and the book stays as the model has it.
    /// </summary>
    public static readonly Gen<FuzzCase> StalePrecondition = Gen.Select(Gen.Bool, Gen.Int[0, 8], Gen.Int[0, 1000],
        (update, kind, position) => Refused(Categories.StalePrecondition, m =>
        {
            var route = update ? FuzzRoutes.UpdateBook : FuzzRoutes.DeleteBook;
            var body = update ? Bodies.BookForm($"Unconditional {m.Next()}", "science", "changed") : null;
            var request = FuzzRequest.To(route, BookIdFor(m, position), body, m.Owner.Session!.AccessToken);
            request.Message.Headers.TryAddWithoutValidation("If-Match", kind switch
            {
                0 => "\"9000000000\"",
                1 => "W/\"1\"",
                2 => "\"1\"x",
                3 => "garbage",
                4 => "\"\"",
                5 => "\"-1\"",
                6 => "\"99999999999999999999999\"",
                7 => string.Join(", ", Enumerable.Range(0, 200).Select(i => $"\"{9_000_000_000L + i}\"")),
                _ => "\"9000000000\", W/\"2\"",
            });
            return request;
        }));

    /// <summary>
    /// Headers of absurd size or number on requests that are otherwise fine. This runs on TestServer, which has
    /// no header limits of its own; the app refuses more than 32 KB of headers or more than 100 header fields itself
    /// (431, as Kestrel would; see RequestHeadLimits), and otherwise ignores headers it does not read, so the other
    /// read-only requests succeed.
    /// </summary>
    public static readonly Gen<FuzzCase> AbsurdHeaders = Gen.Select(
        Gen.OneOf(FuzzRoutes.Live, FuzzRoutes.Ready, FuzzRoutes.Categories, FuzzRoutes.GetMe, FuzzRoutes.ListAuthors, FuzzRoutes.ListBooks,
            FuzzRoutes.ListSessions, FuzzRoutes.ListMyActivity, FuzzRoutes.ListPasskeys, FuzzRoutes.BeginPasskeySignIn),
        Gen.Int[0, 3], Junk.ControlChar,
        (route, kind, control) => new FuzzCase(Categories.AbsurdHeaders, kind is 0 or 1 ? Expected.ClientError : Expected.Success, m =>
        {
            var anonymous = route.StartsWith("GET /health", StringComparison.Ordinal) || route == FuzzRoutes.BeginPasskeySignIn;
            var request = FuzzRequest.To(route, null, null, anonymous ? null : m.Owner.Session!.AccessToken);
            var headers = request.Message.Headers;
            switch (kind)
            {
                case 0:
                    headers.TryAddWithoutValidation("X-Fuzz", new string('x', 64 * 1024));
                    break;
                case 1:
                    for (var i = 0; i < 500; i++)
                    {
                        headers.TryAddWithoutValidation($"X-Fuzz-{i}", "value");
                    }

                    break;
                case 2:
                    headers.TryAddWithoutValidation("X-Fuzz", "ctl" + (control is '\r' or '\n' or '\0' ? '\u0001' : control) + "end");
                    break;
                default:
                    headers.TryAddWithoutValidation("Accept", new string('a', 16 * 1024) + "/json");
                    headers.TryAddWithoutValidation("Cookie", string.Join("; ", Enumerable.Range(0, 1000).Select(i => $"c{i}=v")));
                    break;
            }

            return request;
        }));
}
