using CleanAuth.Application.Books.AddBook;
using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Books.DeleteBook;
using CleanAuth.Application.Books.GetBook;
using CleanAuth.Application.Books.GetCover;
using CleanAuth.Application.Books.ListBooks;
using CleanAuth.Application.Books.ListCategories;
using CleanAuth.Application.Books.UpdateBook;
using CleanAuth.WebApi.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace CleanAuth.WebApi.Endpoints;

public sealed class Books : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var books = app.MapGroup("/api/books").WithTags("Books").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesStoreProblems();
        var uploadLimit = app.ServiceProvider.GetRequiredService<CoverLimits>().MaxUploadBytes;

        books.MapGet("/categories", async (IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListCategoriesQuery(), ct)))
            .WithName("ListCategories");

        // The binder gives null for a form with no fields at all; that is a form with every field missing.
        books.MapPost("/", async ([FromForm] BookForm? form, IMediator mediator, CancellationToken ct) =>
                await mediator.SendForCreated((form ?? new()).ToAddCommand(), book => $"/api/books/{book.Id}", ct))
            .WithName("AddBook")
            .AcceptsUpload(uploadLimit)
            .ProducesProblem(StatusCodes.Status409Conflict);

        books.MapGet("/", async ([AsParameters] ListBooksQuery query, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(query, ct)))
            .WithName("ListBooks")
            .ProducesValidationProblem();

        books.MapGet("/{id}", async (string id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetBookQuery(id), ct)))
            .WithName("GetBook")
            .ProducesProblem(StatusCodes.Status404NotFound);

        books.MapPut("/{id}", async (string id, [FromForm] BookForm? form, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send((form ?? new()).ToUpdateCommand(id), ct)))
            .WithName("UpdateBook")
            .AcceptsUpload(uploadLimit)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        books.MapDelete("/{id}", async (string id, IMediator mediator, CancellationToken ct) =>
                await mediator.SendForNoContent(new DeleteBookCommand(id), ct))
            .WithName("DeleteBook")
            .ProducesProblem(StatusCodes.Status404NotFound);

        books.MapGet("/{id}/cover", async (string id, IMediator mediator, CancellationToken ct) =>
                new CoverResult(await mediator.Send(new GetCoverQuery(id, Thumbnail: false), ct)))
            .WithName("GetCover")
            .Produces<byte[]>(StatusCodes.Status200OK, "image/jpeg", "image/png", "image/webp", "image/gif")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

        books.MapGet("/{id}/cover/thumbnail", async (string id, IMediator mediator, CancellationToken ct) =>
                new CoverResult(await mediator.Send(new GetCoverQuery(id, Thumbnail: true), ct)))
            .WithName("GetCoverThumbnail")
            .Produces<byte[]>(StatusCodes.Status200OK, "image/jpeg")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

/// <summary>The multipart fields of adding or editing a book. Nothing else in the form is read.</summary>
public sealed class BookForm
{
    public string? Title { get; set; }

    public string? Description { get; set; }

    public string? Category { get; set; }

    public string? AuthorId { get; set; }

    public IFormFile? Cover { get; set; }

    public AddBookCommand ToAddCommand() => new(Title, Description, Category, AuthorId, FormUpload.From(Cover));

    public UpdateBookCommand ToUpdateCommand(string id) => new(id, Title, Description, Category, AuthorId, FormUpload.From(Cover));
}
