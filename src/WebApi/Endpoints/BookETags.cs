using CleanAuth.Application.Common.Exceptions;
using CleanAuth.WebApi.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace CleanAuth.WebApi.Endpoints;

/// <summary>The book's revision on the wire (ADR 0057): its <c>ETag</c> header, and 304 for an <c>If-None-Match</c> naming it.</summary>
public static class BookETags
{
    public static Ok<BookResponse> Ok(HttpContext http, BookResponse book)
    {
        http.Response.Headers.ETag = book.ETag;
        return TypedResults.Ok(book);
    }

    /// <summary>
    /// Answers a lost <c>If-Match</c> here rather than in the exception handler, whose answers drop <c>ETag</c> (it
    /// clears cache headers): 412 with the current tag in the header and as <c>etag</c> in the problem.
    /// </summary>
    public static RouteHandlerBuilder AnswersPreconditionFailed(this RouteHandlerBuilder builder) => builder
        .AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (PreconditionFailedException failed)
            {
                context.HttpContext.Response.Headers.ETag = failed.CurrentETag;
                return TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, detail: failed.Message,
                    extensions: new Dictionary<string, object?> { ["etag"] = failed.CurrentETag });
            }
        })
        .ProducesProblem(StatusCodes.Status412PreconditionFailed);

    /// <summary>200 with the book, or 304 with no body when the client holds this revision (weak comparison, RFC 9110 §13.1.2).</summary>
    public static Results<Ok<BookResponse>, StatusCodeHttpResult> OkOrNotModified(HttpContext http, BookResponse book)
    {
        var current = new EntityTagHeaderValue(book.ETag);
        if (http.Request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false)))
        {
            http.Response.Headers.ETag = book.ETag;
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return Ok(http, book);
    }
}
