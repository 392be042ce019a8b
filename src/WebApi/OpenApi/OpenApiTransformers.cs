using System.Text.Json.Nodes;
using CleanAuth.WebApi.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CleanAuth.WebApi.OpenApi;

/// <summary>Declares the bearer scheme once and requires it on every operation whose endpoint requires authorization.</summary>
public sealed class BearerSecuritySchemeTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string SchemeName = JwtBearerDefaults.AuthenticationScheme;

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            In = ParameterLocation.Header,
            Description = "An access token (HS256 JWT, typ at+jwt) from POST /api/auth/login.",
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [],
            });
        }
        else
        {
            operation.Security = []; // Anonymous, said explicitly: `security: []`.
        }

        return Task.CompletedTask;
    }
}

/// <summary>Adds an example to each request body and response: the happy path per operation, and a problem body per status.</summary>
public sealed class ExamplesTransformer : IOpenApiOperationTransformer
{
    private const string UserId = "6740b2c1e4b0a1b2c3d4e5f6";
    private const string Email = "ann@example.com";
    private const string Created = "2026-11-22T09:30:00.000+00:00";

    private static readonly Dictionary<string, (Func<JsonNode>? Request, Func<JsonNode>? Response)> Happy = new(StringComparer.Ordinal)
    {
        ["RegisterUser"] = (
            () => new JsonObject { ["name"] = "Ann Lee", ["email"] = Email, ["password"] = "correct horse battery staple" },
            () => new JsonObject { ["id"] = UserId, ["name"] = "Ann Lee", ["email"] = Email, ["createdAt"] = Created }),
        ["Login"] = (
            () => new JsonObject { ["email"] = Email, ["password"] = "correct horse battery staple" },
            Tokens),
        ["Refresh"] = (() => new JsonObject { ["refreshToken"] = RefreshToken }, Tokens),
        ["Logout"] = (() => new JsonObject { ["refreshToken"] = RefreshToken }, null),
        ["ChangePassword"] = (() => new JsonObject { ["currentPassword"] = "correct horse battery staple", ["newPassword"] = "a new and longer passphrase" }, Tokens),
        ["ListUsers"] = (null, () => new JsonObject
        {
            ["items"] = new JsonArray(new JsonObject
            {
                ["id"] = UserId,
                ["name"] = "Ann Lee",
                ["email"] = Email,
                ["roles"] = new JsonArray("admin"),
                ["disabled"] = false,
                ["createdAt"] = Created,
                ["lastLoginAt"] = Created,
            }),
            ["page"] = 1,
            ["pageSize"] = 20,
            ["totalCount"] = 1,
        }),
        ["ListCategories"] = (null, () => new JsonArray("romance", "poetry", "politics", "picture book", "science", "fantasy", "horror", "thriller")),
        ["AddBook"] = (BookForm, Book),
        ["UpdateBook"] = (() => new JsonObject { ["title"] = "The Dispossessed (revised)" }, Book),
        ["GetBook"] = (null, Book),
        ["ListBooks"] = (null, () => new JsonObject { ["items"] = new JsonArray(Book()), ["page"] = 1, ["pageSize"] = 20, ["totalCount"] = 1 }),
        ["CreateAuthor"] = (() => new JsonObject { ["name"] = "Ursula K. Le Guin", ["country"] = "USA", ["bookerPrize"] = false }, Author),
        ["ListAuthors"] = (null, () => new JsonArray(Author())),
        ["GetCurrentUser"] = (null, Profile),
        ["UpdateProfile"] = (() => new JsonObject { ["name"] = "Ann Lee-Smith" }, Profile),
        ["Live"] = (null, () => new JsonObject { ["status"] = "Healthy", ["totalDurationMs"] = 0.0, ["checks"] = new JsonArray() }),
        ["Ready"] = (null, () => new JsonObject
        {
            ["status"] = "Healthy",
            ["totalDurationMs"] = 1.93,
            ["checks"] = new JsonArray(new JsonObject { ["name"] = "mongodb", ["status"] = "Healthy", ["durationMs"] = 1.71, ["description"] = "MongoDB answered a ping." }),
        }),
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        Happy.TryGetValue(operation.OperationId ?? "", out var examples);
        if (examples.Request is not null && operation.RequestBody?.Content is { } requestContent)
        {
            foreach (var media in requestContent.Values)
            {
                media.Example = examples.Request();
            }
        }

        foreach (var (status, response) in operation.Responses ?? [])
        {
            foreach (var (contentType, media) in response.Content ?? new Dictionary<string, OpenApiMediaType>())
            {
                if (contentType == "application/problem+json")
                {
                    media.Example = Problem(int.Parse(status, System.Globalization.CultureInfo.InvariantCulture));
                }
                else if (status.StartsWith('2') && examples.Response is not null)
                {
                    media.Example = examples.Response();
                }
                else if (operation.OperationId == "Ready" && status == "503")
                {
                    media.Example = new JsonObject
                    {
                        ["status"] = "Unhealthy",
                        ["totalDurationMs"] = 5003.4,
                        ["checks"] = new JsonArray(new JsonObject { ["name"] = "mongodb", ["status"] = "Unhealthy", ["durationMs"] = 5003.1, ["description"] = "MongoDB cannot be reached." }),
                    };
                }
            }
        }

        return Task.CompletedTask;
    }

    private const string RefreshToken = "kq3V0m7y1QbXl2w9ZP4s8JdR6uT0eHcA5nFgLzYxWvI";
    private const string BookId = "6740b2c1e4b0a1b2c3d4e5f7";
    private const string AuthorId = "6740b2c1e4b0a1b2c3d4e5f8";

    private static JsonObject Tokens() => new()
    {
        ["tokenType"] = "Bearer",
        ["accessToken"] = "eyJhbGciOiJIUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJzdWIiOiI2NzQwYjJjMWU0YjBhMWIyYzNkNGU1ZjYifQ.c2lnbmF0dXJl",
        ["expiresIn"] = 900,
        ["refreshToken"] = RefreshToken,
        ["refreshExpiresIn"] = 1209600,
    };

    private static JsonObject BookForm() => new()
    {
        ["title"] = "The Dispossessed",
        ["description"] = "An ambiguous utopia.",
        ["category"] = "science",
        ["authorId"] = AuthorId,
        ["cover"] = "(binary: a JPEG, PNG, WebP or GIF file of at most 10 MB)",
    };

    private static JsonObject Book() => new()
    {
        ["id"] = BookId,
        ["title"] = "The Dispossessed",
        ["description"] = "An ambiguous utopia.",
        ["category"] = "science",
        ["authorId"] = AuthorId,
        ["coverUrl"] = $"/api/books/{BookId}/cover",
        ["thumbnailUrl"] = $"/api/books/{BookId}/cover/thumbnail",
        ["coverWidth"] = 1200,
        ["coverHeight"] = 1800,
        ["createdAt"] = Created,
        ["updatedAt"] = Created,
    };

    private static JsonObject Author() => new()
    {
        ["id"] = AuthorId,
        ["name"] = "Ursula K. Le Guin",
        ["country"] = "USA",
        ["bookerPrize"] = false,
        ["createdAt"] = Created,
    };

    private static JsonObject Profile() => new()
    {
        ["id"] = UserId,
        ["name"] = "Ann Lee",
        ["email"] = Email,
        ["roles"] = new JsonArray(),
        ["createdAt"] = Created,
    };

    private static JsonObject Problem(int status)
    {
        var problem = new JsonObject
        {
            ["type"] = ProblemShape.Type(status),
            ["title"] = status == 400 ? ProblemShape.ValidationTitle : ProblemShape.Title(status),
            ["status"] = status,
            ["traceId"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        };
        if (status == 400)
        {
            problem["errors"] = new JsonObject { ["email"] = new JsonArray("Email is not a valid email address.") };
        }

        return problem;
    }
}
