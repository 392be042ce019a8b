namespace CleanAuth.Tests.Integration.Fuzz;

/// <summary>
/// Every route the fuzzer aims at, as "METHOD pattern" the way the app's endpoint data source spells them.
/// A test compares this list with the app's endpoints, so a new route fails the build of the fuzz run
/// until the fuzzer knows how to send it junk.
/// </summary>
public static class FuzzRoutes
{
    public const string Register = "POST /api/auth/register";
    public const string Login = "POST /api/auth/login";
    public const string Refresh = "POST /api/auth/refresh";
    public const string Logout = "POST /api/auth/logout";
    public const string LogoutAll = "POST /api/auth/logout-all";
    public const string ConfirmEmail = "POST /api/auth/email/confirm";
    public const string ResendConfirmation = "POST /api/auth/email/resend";
    public const string ForgotPassword = "POST /api/auth/password/forgot";
    public const string ResetPassword = "POST /api/auth/password/reset";

    public const string GetMe = "GET /api/users/me/";
    public const string UpdateMe = "PUT /api/users/me/";
    public const string ChangePassword = "PUT /api/users/me/password";
    public const string DisableMe = "DELETE /api/users/me/";
    public const string EraseMe = "POST /api/users/me/erase";
    public const string ExportMe = "GET /api/users/me/export";

    public const string ListSessions = "GET /api/users/me/sessions/";
    public const string EndSession = "DELETE /api/users/me/sessions/{id}";
    public const string ListMyActivity = "GET /api/users/me/activity";
    public const string ListUserActivity = "GET /api/admin/users/{id}/activity";

    public const string BeginPasskeyRegistration = "POST /api/users/me/passkeys/options";
    public const string RegisterPasskey = "POST /api/users/me/passkeys/";
    public const string ListPasskeys = "GET /api/users/me/passkeys/";
    public const string GetPasskey = "GET /api/users/me/passkeys/{id}";
    public const string RenamePasskey = "PATCH /api/users/me/passkeys/{id}";
    public const string RemovePasskey = "DELETE /api/users/me/passkeys/{id}";
    public const string BeginPasskeySignIn = "POST /api/auth/passkey/options";
    public const string PasskeySignIn = "POST /api/auth/passkey/";

    public const string BeginTwoFactorSetup = "POST /api/users/me/two-factor/setup";
    public const string EnableTwoFactor = "POST /api/users/me/two-factor/enable";
    public const string DisableTwoFactor = "POST /api/users/me/two-factor/disable";
    public const string RegenerateRecoveryCodes = "POST /api/users/me/two-factor/recovery-codes";
    public const string ResetTwoFactor = "POST /api/admin/users/{id}/two-factor/reset";

    public const string ListUsers = "GET /api/admin/users/";
    public const string DisableUser = "POST /api/admin/users/{id}/disable";
    public const string EnableUser = "POST /api/admin/users/{id}/enable";
    public const string GrantAdmin = "POST /api/admin/users/{id}/roles/admin";
    public const string RevokeAdmin = "DELETE /api/admin/users/{id}/roles/admin";
    public const string EraseUser = "DELETE /api/admin/users/{id}";

    public const string Categories = "GET /api/books/categories";
    public const string AddBook = "POST /api/books/";
    public const string ListBooks = "GET /api/books/";
    public const string GetBook = "GET /api/books/{id}";
    public const string UpdateBook = "PUT /api/books/{id}";
    public const string DeleteBook = "DELETE /api/books/{id}";
    public const string GetCover = "GET /api/books/{id}/cover";
    public const string GetThumbnail = "GET /api/books/{id}/cover/thumbnail";

    public const string CreateAuthor = "POST /api/authors/";
    public const string ListAuthors = "GET /api/authors/";
    public const string GetAuthor = "GET /api/authors/{id}";
    public const string DeleteAuthor = "DELETE /api/authors/{id}";

    public const string ImportBooks = "POST /api/books/import";
    public const string ExportBooks = "GET /api/books/export";

    public const string Live = "GET /health/live";
    public const string Ready = "GET /health/ready";

    public static readonly IReadOnlyList<string> All =
    [
        Register, Login, Refresh, Logout, LogoutAll, ConfirmEmail, ResendConfirmation, ForgotPassword, ResetPassword,
        GetMe, UpdateMe, ChangePassword, DisableMe, EraseMe, ExportMe,
        ListSessions, EndSession, ListMyActivity, ListUserActivity,
        BeginPasskeyRegistration, RegisterPasskey, ListPasskeys, GetPasskey, RenamePasskey, RemovePasskey, BeginPasskeySignIn, PasskeySignIn,
        BeginTwoFactorSetup, EnableTwoFactor, DisableTwoFactor, RegenerateRecoveryCodes,
        ListUsers, DisableUser, EnableUser, GrantAdmin, RevokeAdmin, ResetTwoFactor, EraseUser,
        Categories, AddBook, ListBooks, GetBook, UpdateBook, DeleteBook, GetCover, GetThumbnail,
        CreateAuthor, ListAuthors, GetAuthor, DeleteAuthor,
        ImportBooks, ExportBooks,
        Live, Ready,
    ];

    /// <summary>The path of a route with its {id} filled in (already escaped as the caller wants it on the wire).</summary>
    public static string PathOf(string route, string? id = null)
    {
        var pattern = route[(route.IndexOf(' ', StringComparison.Ordinal) + 1)..];
        var path = id is null ? pattern : pattern.Replace("{id}", id, StringComparison.Ordinal);
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    public static HttpMethod MethodOf(string route) => new(route[..route.IndexOf(' ', StringComparison.Ordinal)]);
}
