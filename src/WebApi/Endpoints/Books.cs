using System.Text.Json.Nodes;
using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Books.DeleteBook;
using CleanAuth.Application.Books.GetBook;
using CleanAuth.Application.Books.GetCover;
using CleanAuth.Application.Books.ListCategories;
using CleanAuth.WebApi.Contracts;
using CleanAuth.WebApi.Infrastructure;
using CleanAuth.WebApi.OpenApi;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace CleanAuth.WebApi.Endpoints;

public sealed class Books : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var books = app.MapSignedInGroup("/api/books", "Books");
        var uploadLimit = app.ServiceProvider.GetRequiredService<CoverLimits>().MaxUploadBytes;

        books.MapGet("/categories", async (IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListCategoriesQuery(), ct)))
            .WithName("ListCategories")
            .WithExamples(response: () => new JsonArray("romance", "poetry", "politics", "picture book", "science", "fantasy", "horror", "thriller"))
            .WithSummary("The book categories.")
            .WithDescription("The categories a book can have, in a fixed order.");

        // The binder gives null for a form with no fields at all; that is a form with every field missing.
        books.MapPost("/", async ([FromForm] BookForm? form, IMediator mediator, CancellationToken ct) =>
            {
                var book = BookResponse.From(await mediator.Send((form ?? new()).ToAddCommand(), ct));
                return TypedResults.Created(BookResponse.PathOf(book.Id), book);
            })
            .WithName("AddBook")
            .WithExamples(
                request: () => new JsonObject
                {
                    ["title"] = "The Dispossessed",
                    ["description"] = "An ambiguous utopia.",
                    ["category"] = "science",
                    ["authorId"] = Samples.AuthorId,
                    ["cover"] = "(binary: a JPEG, PNG, WebP or GIF file of at most 10 MB)",
                },
                response: Samples.Book)
            .WithSummary("Adds a book with its cover.")
            .WithDescription("A multipart form: `title`, `category` and the `cover` file are required. The cover is a JPEG, PNG, WebP or GIF (by its bytes; else 415) of at most 10 MB (413) and 40 megapixels; a 150×150 thumbnail is made from it. Titles are unique per user in any case (409). Rate-limited per user.")
            .AcceptsUpload(uploadLimit)
            .ProducesProblem(StatusCodes.Status409Conflict);

        books.MapGet("/", async ([AsParameters] ListBooksRequest request, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(BookPage.From(await mediator.Send(request.ToQuery(), ct))))
            .WithName("ListBooks")
            .WithExamples(response: () => new JsonObject { ["items"] = new JsonArray(Samples.Book()), ["page"] = 1, ["pageSize"] = 20, ["totalCount"] = 1, ["next"] = null })
            .WithSummary("The signed-in user's books, a page at a time.")
            .WithDescription("`sort` title|createdAt|updatedAt, `-` for descending (default -createdAt); `next` is the cursor of the page after (null at the end) for `cursor`, not with `page`. `category`, `q` filter; pageSize 20, at most 100.")
            .ProducesValidationProblem();

        books.MapGet("/{id}", async (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                BookETags.OkOrNotModified(http, BookResponse.From(await mediator.Send(new GetBookQuery(id), ct))))
            .WithName("GetBook")
            .WithExamples(response: Samples.Book)
            .WithSummary("One of the signed-in user's books.")
            .WithDescription("With a strong `ETag` (the book's revision, also its `etag`); `If-None-Match` with it → 304. Another user's book, an unknown and a malformed id all get the same 404.")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

        books.MapPut("/{id}", async (string id, [FromForm] BookForm? form, [FromHeader(Name = "If-Match")] string? ifMatch, HttpContext http, IMediator mediator, CancellationToken ct) =>
                BookETags.Ok(http, BookResponse.From(await mediator.Send((form ?? new()).ToUpdateCommand(id, ifMatch), ct))))
            .WithName("UpdateBook")
            .WithExamples(request: () => new JsonObject { ["title"] = "The Dispossessed (revised)" }, response: Samples.Book)
            .WithSummary("Changes a book; every field is optional.")
            .WithDescription("Multipart, any of the fields; an empty `authorId` removes the author; a `cover` replaces (or adds) the cover. `If-Match`: stored only at that revision, else 412 with the current `ETag`. Rate-limited per user.")
            .AcceptsUpload(uploadLimit)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .AnswersPreconditionFailed();

        books.MapDelete("/{id}", async (string id, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator, CancellationToken ct) =>
                await mediator.SendForNoContent(new DeleteBookCommand(id, ifMatch), ct))
            .WithName("DeleteBook")
            .WithSummary("Deletes a book with its cover and thumbnail.")
            .WithDescription("404 for another user's, an unknown or a malformed id. `If-Match`: deleted only at that revision, else 412 with the current `ETag`.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AnswersPreconditionFailed();

        books.MapGet("/{id}/cover", async (string id, IMediator mediator, CancellationToken ct) =>
                new CoverResult(await mediator.Send(new GetCoverQuery(id, Thumbnail: false), ct)))
            .WithName("GetCover")
            .WithSummary("The book's cover image, as uploaded.")
            .WithDescription("The stored bytes with their media type, a strong ETag and `Cache-Control: private`; 304 for `If-None-Match` with the current ETag. 404 for a book without a cover.")
            .Produces<byte[]>(StatusCodes.Status200OK, "image/jpeg", "image/png", "image/webp", "image/gif")
            .ProducesProblem(StatusCodes.Status404NotFound);

        books.MapGet("/{id}/cover/thumbnail", async (string id, IMediator mediator, CancellationToken ct) =>
                new CoverResult(await mediator.Send(new GetCoverQuery(id, Thumbnail: true), ct)))
            .WithName("GetCoverThumbnail")
            .WithSummary("The book's thumbnail: a JPEG that fits 150×150.")
            .WithDescription("Upright, sRGB, without metadata, with a strong ETag and `Cache-Control: private`; 304 for `If-None-Match` with the current ETag. 404 for a book without a cover.")
            .Produces<byte[]>(StatusCodes.Status200OK, "image/jpeg")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
