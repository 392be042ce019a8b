using System.Text.Json.Nodes;

namespace CleanAuth.WebApi.OpenApi;

/// <summary>The example values more than one endpoint group shows (one user, one book, one author, one token pair), so they agree.</summary>
public static class Samples
{
    public const string UserId = "6740b2c1e4b0a1b2c3d4e5f6";
    public const string Email = "ann@example.com";
    public const string Password = "correct horse battery staple";
    public const string Created = "2026-11-22T09:30:00.000+00:00";
    public const string RefreshToken = "kq3V0m7y1QbXl2w9ZP4s8JdR6uT0eHcA5nFgLzYxWvI";
    public const string BookId = "6740b2c1e4b0a1b2c3d4e5f7";
    public const string AuthorId = "6740b2c1e4b0a1b2c3d4e5f8";

    public static JsonObject Tokens() => new()
    {
        ["tokenType"] = "Bearer",
        ["accessToken"] = "eyJhbGciOiJIUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJzdWIiOiI2NzQwYjJjMWU0YjBhMWIyYzNkNGU1ZjYifQ.c2lnbmF0dXJl",
        ["expiresIn"] = 900,
        ["refreshToken"] = RefreshToken,
        ["refreshExpiresIn"] = 1209600,
    };

    public static JsonObject Book() => new()
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
        ["etag"] = "\"0\"",
    };

    public static JsonObject Author() => new()
    {
        ["id"] = AuthorId,
        ["name"] = "Ursula K. Le Guin",
        ["country"] = "USA",
        ["bookerPrize"] = false,
        ["createdAt"] = Created,
    };

    public static JsonObject Profile() => new()
    {
        ["id"] = UserId,
        ["name"] = "Ann Lee",
        ["email"] = Email,
        ["roles"] = new JsonArray(),
        ["createdAt"] = Created,
        ["emailConfirmed"] = true,
        ["twoFactorEnabled"] = false,
    };

    /// <summary>A one-time code as the emails show it (ADR 0040).</summary>
    public const string Code = "7KQ2-M9XD-4HTW";
}
