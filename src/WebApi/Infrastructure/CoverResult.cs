using CleanAuth.Application.Books.GetCover;
using Microsoft.Net.Http.Headers;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>
/// Sends a cover privately: its stored media type, no sniffing, a private cache with a strong ETag,
/// and 304 when the client already has these bytes (If-None-Match uses the weak comparison, RFC 9110 §13.1.2).
/// </summary>
public sealed class CoverResult(CoverDownload cover) : IResult
{
    public const int MaxAgeSeconds = 3600;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        await using var content = cover.Content;
        var response = httpContext.Response;
        response.Headers.ETag = cover.ETag;
        response.Headers.CacheControl = $"private, max-age={MaxAgeSeconds}";
        response.Headers.XContentTypeOptions = "nosniff";

        var ifNoneMatch = httpContext.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(new EntityTagHeaderValue(cover.ETag), useStrongComparison: false)))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.ContentType = cover.ContentType;
        response.ContentLength = cover.Length;
        await content.CopyToAsync(response.Body, httpContext.RequestAborted);
    }
}
