using Microsoft.AspNetCore.Mvc;

namespace CleanAuth.WebApi.Infrastructure;

public static class UploadEndpoints
{
    /// <summary>Room for the form's text fields and multipart framing on top of the file itself.</summary>
    public const long FormOverheadBytes = 64 * 1024;

    /// <summary>
    /// A multipart endpoint taking one file of at most <paramref name="maxFileBytes"/>: a larger body is
    /// refused with 413 before it is read; the form is buffered in memory, never on the server's disk.
    /// Rate-limited per user (policy <c>uploads</c>). Antiforgery is off because callers authenticate with a bearer header, which a browser never sends by itself.
    /// </summary>
    public static RouteHandlerBuilder AcceptsUpload(this RouteHandlerBuilder builder, long maxFileBytes)
    {
        var limit = maxFileBytes + FormOverheadBytes;
        return builder
            .DisableAntiforgery()
            .RequireRateLimiting(RateLimiting.Uploads)
            .WithMetadata(new RequestSizeLimitAttribute(limit))
            .WithFormOptions(multipartBodyLengthLimit: limit, memoryBufferThreshold: (int)Math.Min(limit, int.MaxValue))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }
}
