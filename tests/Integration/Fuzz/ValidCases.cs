using System.Globalization;
using System.Text.Json;
using CleanAuth.Tests.Integration.Support;
using CsCheck;

namespace CleanAuth.Tests.Integration.Fuzz;

/// <summary>
/// Valid requests mixed in with the junk: they must succeed, and what they change goes into the model.
/// Each is planned against the model when sent; when what it needs is not there yet (no book to edit,
/// no signed-in user), it falls back to the request that creates it.
/// </summary>
public static class ValidCases
{
    private static readonly string[] CategoryNames = ["romance", "poetry", "politics", "picture book", "science", "fantasy", "horror", "thriller"];

    private static readonly Gen<string> Category = Gen.OneOf(CategoryNames);

    private static readonly Gen<string> Password = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_!?"], 16, 40]
        .Select(p => "pw " + p); // Never on the common-passwords list.

    private static FuzzCase Valid(Func<FuzzModel, FuzzRequest> plan) => new(Categories.Valid, Expected.Success, plan);

    private static string Id(JsonElement body) => body.GetProperty("id").GetString()!;

    private static string Owner(FuzzModel m) => m.Owner.Session!.AccessToken;

    private static string Unique(FuzzModel m, string text) => $"{text} {m.Next().ToString(CultureInfo.InvariantCulture)}";

    public static readonly Gen<FuzzCase> Register = Gen.Select(Junk.Name, Password, (name, password) => Valid(m => RegisterPlan(m, name, password)));

    private static FuzzRequest RegisterPlan(FuzzModel m, string name, string password)
    {
        var email = $"fuzz-{m.Next().ToString(CultureInfo.InvariantCulture)}@example.com";
        var body = Bodies.Json(Bodies.Object([("name", Bodies.Quote(name)), ("email", Bodies.Quote(email)), ("password", Bodies.Quote(password))]));
        return FuzzRequest.To(FuzzRoutes.Register, null, body, null, created => m.Users.Add(new ModelUser(Id(created), email, name, password)));
    }

    /// <summary>Signs in an enabled user (JSON, urlencoded or multipart), registering one first if there is none.</summary>
    public static readonly Gen<FuzzCase> Login = Gen.Select(Gen.Int[0, 1000], Gen.Int[0, 2], Junk.Name, Password,
        (position, form, name, password) => Valid(m => LoginPlan(m, position, form) ?? RegisterPlan(m, name, password)));

    private static FuzzRequest? LoginPlan(FuzzModel m, int position, int form)
    {
        if (FuzzModel.Pick([.. m.Users.Where(u => !u.Disabled)], position) is not { } user)
        {
            return null;
        }

        HttpContent body = form switch
        {
            0 => Bodies.Json(Bodies.Object([("email", Bodies.Quote(user.Email)), ("password", Bodies.Quote(user.Password))])),
            1 => Bodies.UrlEncoded(("email", user.Email), ("password", user.Password)),
            _ => Bodies.Multipart([Part.Text("email", user.Email), Part.Text("password", user.Password)]),
        };
        return FuzzRequest.To(FuzzRoutes.Login, null, body, null, tokens => user.Session = Session.From(tokens));
    }

    /// <summary>Something a signed-in user does to their own session or account; it signs one in first if none is.</summary>
    public static readonly Gen<FuzzCase> SessionAction = Gen.Select(Gen.Int[0, 1000], Gen.Int[0, 5], Junk.Name, Password,
        (position, action, name, password) => Valid(m =>
        {
            if (FuzzModel.Pick([.. m.Users.Where(u => u.Session is not null)], position) is not { } user)
            {
                return LoginPlan(m, position, action % 3) ?? RegisterPlan(m, name, password);
            }

            var session = user.Session!;
            return action switch
            {
                0 => FuzzRequest.To(FuzzRoutes.Refresh, null, Bodies.Json(Bodies.Object([("refreshToken", Bodies.Quote(session.RefreshToken))])), null,
                    tokens => user.Session = Session.From(tokens)),
                1 => FuzzRequest.To(FuzzRoutes.Logout, null, Bodies.Json(Bodies.Object([("refreshToken", Bodies.Quote(session.RefreshToken))])), null,
                    _ => user.Session = null),
                2 => FuzzRequest.To(FuzzRoutes.LogoutAll, null, null, session.AccessToken, _ => user.Session = null),
                3 => FuzzRequest.To(FuzzRoutes.ChangePassword, null,
                    Bodies.Json(Bodies.Object([("currentPassword", Bodies.Quote(user.Password)), ("newPassword", Bodies.Quote(password))])), session.AccessToken,
                    tokens =>
                    {
                        user.Password = password;
                        user.Session = Session.From(tokens);
                    }),
                4 => FuzzRequest.To(FuzzRoutes.DisableMe, null, null, session.AccessToken, _ =>
                {
                    user.Disabled = true;
                    user.Session = null;
                }),
                _ => FuzzRequest.To(FuzzRoutes.GetMe, null, null, session.AccessToken),
            };
        }));

    /// <summary>The administrator's routes on the registered users (never on the owner or on the administrator itself).</summary>
    public static readonly Gen<FuzzCase> AdminAction = Gen.Select(Gen.Int[0, 1000], Gen.Int[0, 4],
        (position, action) => Valid(m =>
        {
            var token = m.Admin.Session!.AccessToken;
            ModelUser? Among(Func<ModelUser, bool> where) => FuzzModel.Pick([.. m.Users.Where(where)], position);
            FuzzRequest On(string route, ModelUser user, Action<ModelUser> change) => FuzzRequest.To(route, user.Id, null, token, _ =>
            {
                change(user);
                user.Session = null; // Conservative: a disabled account or a changed role may end its tokens; it signs in again.
            });

            return action switch
            {
                0 when Among(u => !u.Disabled) is { } user => On(FuzzRoutes.DisableUser, user, u => u.Disabled = true),
                1 when Among(u => u.Disabled) is { } user => On(FuzzRoutes.EnableUser, user, u => u.Disabled = false),
                2 when Among(u => !u.IsAdmin) is { } user => On(FuzzRoutes.GrantAdmin, user, u => u.IsAdmin = true),
                3 when Among(u => u.IsAdmin) is { } user => On(FuzzRoutes.RevokeAdmin, user, u => u.IsAdmin = false),
                _ => FuzzRequest.To(FuzzRoutes.ListUsers, null, null, token, pathAndQuery: $"/api/admin/users?page=1&pageSize={1 + (position % 100)}"),
            };
        }));

    public static readonly Gen<FuzzCase> Rename = Junk.Name.Select(name => Valid(m =>
        FuzzRequest.To(FuzzRoutes.UpdateMe, null, Bodies.Json(Bodies.Object([("name", Bodies.Quote(name))])), Owner(m), _ => m.Owner.Name = name)));

    public static readonly Gen<FuzzCase> CreateAuthor = Gen.Select(Junk.Name, Junk.Word, Gen.Bool, (name, country, prize) => Valid(m =>
        FuzzRequest.To(FuzzRoutes.CreateAuthor, null,
            Bodies.Json(Bodies.Object([("name", Bodies.Quote(name)), ("country", Bodies.Quote(country)), ("bookerPrize", prize ? "true" : "false")])), Owner(m),
            created => m.Authors.Add(Id(created), new ModelAuthor(Id(created), name, country, prize)))));

    /// <summary>Deletes an author no book refers to (one that is referred to is a 409, not what this case is about).</summary>
    public static readonly Gen<FuzzCase> DeleteAuthor = Gen.Int[0, 1000].Select(position => Valid(m =>
    {
        var unused = m.Authors.Keys.Where(id => m.Books.Values.All(b => b.AuthorId != id)).ToList();
        return FuzzModel.Pick(unused, position) is { } id
            ? FuzzRequest.To(FuzzRoutes.DeleteAuthor, id, null, Owner(m), _ => m.Authors.Remove(id))
            : FuzzRequest.To(FuzzRoutes.ListAuthors, null, null, Owner(m));
    }));

    public static readonly Gen<FuzzCase> AddBook = Gen.Select(Junk.Name, Category, Junk.Name.Array[0, 5], Gen.Int[0, 1000], Gen.Bool,
        (title, category, words, position, withAuthor) => Valid(m => AddBookPlan(m, title, category, string.Join(' ', words), position, withAuthor)));

    private static FuzzRequest AddBookPlan(FuzzModel m, string title, string category, string description, int position, bool withAuthor)
    {
        var uniqueTitle = Unique(m, title);
        var authorId = withAuthor ? FuzzModel.Pick([.. m.Authors.Keys], position) : null;
        return FuzzRequest.To(FuzzRoutes.AddBook, null, Bodies.BookForm(uniqueTitle, category, description, authorId, RouteJunk.Cover), Owner(m),
            created => m.Books.Add(Id(created), new ModelBook(Id(created), uniqueTitle, description, category, authorId)));
    }

    /// <summary>Changes some fields of one of the owner's books (adding one first if there is none).</summary>
    public static readonly Gen<FuzzCase> UpdateBook = Gen.Select(Junk.Name, Category, Gen.Int[0, 1000], Gen.Int[0, 15],
        (title, category, position, fields) => Valid(m =>
        {
            if (FuzzModel.Pick([.. m.Books.Values], position) is not { } book)
            {
                return AddBookPlan(m, title, category, "", position, withAuthor: false);
            }

            var newTitle = (fields & 1) != 0 ? Unique(m, title) : null;
            var newCategory = (fields & 2) != 0 ? category : null;
            var newDescription = (fields & 4) != 0 ? $"edited {position}" : null;
            // An empty authorId removes the author; an absent one leaves it.
            var newAuthor = (fields & 8) != 0 ? FuzzModel.Pick([.. m.Authors.Keys], position) ?? "" : null;
            var withCover = position % 4 == 0;
            return FuzzRequest.To(FuzzRoutes.UpdateBook, book.Id, Bodies.BookForm(newTitle, newCategory, newDescription, newAuthor, withCover ? RouteJunk.Cover : null), Owner(m),
                _ => m.Books[book.Id] = book with
                {
                    Title = newTitle ?? book.Title,
                    Category = newCategory ?? book.Category,
                    Description = newDescription ?? book.Description,
                    AuthorId = newAuthor is null ? book.AuthorId : newAuthor.Length == 0 ? null : newAuthor,
                });
        }));

    public static readonly Gen<FuzzCase> DeleteBook = Gen.Int[0, 1000].Select(position => Valid(m =>
        FuzzModel.Pick([.. m.Books.Keys], position) is { } id
            ? FuzzRequest.To(FuzzRoutes.DeleteBook, id, null, Owner(m), _ => m.Books.Remove(id))
            : FuzzRequest.To(FuzzRoutes.ListBooks, null, null, Owner(m))));

    /// <summary>Reads: they change nothing, and must keep working whatever junk came before.</summary>
    public static readonly Gen<FuzzCase> Read = Gen.Select(
        Gen.OneOf(FuzzRoutes.GetBook, FuzzRoutes.GetCover, FuzzRoutes.GetThumbnail, FuzzRoutes.ListBooks, FuzzRoutes.Categories,
            FuzzRoutes.ListAuthors, FuzzRoutes.GetMe, FuzzRoutes.Live, FuzzRoutes.Ready,
            FuzzRoutes.ListSessions, FuzzRoutes.ListMyActivity, FuzzRoutes.ListPasskeys),
        Gen.Int[0, 1000], Category,
        (route, position, category) => Valid(m =>
        {
            if (route.Contains("{id}", StringComparison.Ordinal))
            {
                return FuzzModel.Pick([.. m.Books.Keys], position) is { } id
                    ? FuzzRequest.To(route, id, null, Owner(m))
                    : FuzzRequest.To(FuzzRoutes.Categories, null, null, Owner(m));
            }

            return route == FuzzRoutes.ListBooks
                ? FuzzRequest.To(route, null, null, Owner(m), pathAndQuery: $"/api/books?category={Uri.EscapeDataString(category)}&q=a&page=1&pageSize={1 + (position % 100)}")
                : FuzzRequest.To(route, null, null, route.StartsWith("GET /health", StringComparison.Ordinal) ? null : Owner(m));
        }));
}
