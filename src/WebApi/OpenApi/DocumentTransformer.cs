using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CleanAuth.WebApi.OpenApi;

/// <summary>The document's own texts: what the API is, its licence, each tag; and a server URL without a trailing slash.</summary>
public sealed class DocumentTransformer : IOpenApiDocumentTransformer
{
    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Auth"] = "Registration, sign-in, token refresh and sign-out. Register, login, refresh and logout are anonymous and rate-limited per client IP.",
        ["Users"] = "The signed-in user's own account: profile, password, disabling it.",
        ["Admin"] = "User administration; administrators only (403 for anyone else).",
        ["Books"] = "The signed-in user's private library: books with a cover image and a 150×150 thumbnail.",
        ["Authors"] = "The signed-in user's private list of authors, which books may name.",
        ["Health"] = "Liveness and readiness probes for load balancers and orchestrators. Anonymous.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "CleanAuth API";
        document.Info.Description = """
            An authentication service and a private book library.

            **Accounts and sessions.** Register with POST /api/auth/register, then sign in with POST /api/auth/login
            (JSON or form fields). Login answers a short-lived access token (a JWT) and an opaque refresh token.
            Send the access token as `Authorization: Bearer <token>`; exchange the refresh token at
            POST /api/auth/refresh for a new pair (each refresh token works once). Logout, logout-all, a password
            change and disabling an account end sessions at once.

            **Library.** Each user keeps books (multipart uploads with a JPEG, PNG, WebP or GIF cover of at most
            10 MB; a JPEG thumbnail that fits 150×150 is made on upload) and authors. Everything is private:
            another user's book and an unknown id get the same 404. Covers are served with a strong `ETag`;
            send it back in `If-None-Match` to get 304 Not Modified instead of the bytes.

            **Administration.** Administrators list users, disable and enable accounts and grant or revoke the
            admin role.

            **Errors.** Every error is an RFC 9457 `application/problem+json` body with `type`, `title`, `status`
            and `traceId` (plus `errors` per field for a 400). Register, login, refresh, logout and uploads are
            rate-limited: 429 with `Retry-After` (seconds). 503 with `Retry-After` means the data store is
            unreachable for now.
            """;
        document.Info.License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" };

        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        document.Tags ??= new HashSet<OpenApiTag>();
        foreach (var (name, description) in TagDescriptions)
        {
            if (document.Tags.FirstOrDefault(t => t.Name == name) is { } tag)
            {
                tag.Description = description;
            }
        }

        // The forms are described inline on their operations (ResponseTransformer); the framework's components go.
        document.Components?.Schemas?.Remove("BookForm");
        document.Components?.Schemas?.Remove("ImportForm");
        document.Components?.Schemas?.Remove("IFormFile");
        return Task.CompletedTask;
    }
}
