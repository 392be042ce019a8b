using CleanAuth.Application.Authors.CreateAuthor;
using CleanAuth.Application.Authors.DeleteAuthor;
using CleanAuth.Application.Authors.ListAuthors;
using CleanAuth.WebApi.Infrastructure;
using MediatR;

namespace CleanAuth.WebApi.Endpoints;

public sealed class Authors : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var authors = app.MapGroup("/api/authors").WithTags("Authors").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesStoreProblems();

        authors.MapPost("/", async (CreateAuthorCommand command, IMediator mediator, CancellationToken ct) =>
                await mediator.SendForCreated(command, author => $"/api/authors/{author.Id}", ct))
            .WithName("CreateAuthor")
            .ProducesBodyProblems();

        authors.MapGet("/", async (IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListAuthorsQuery(), ct)))
            .WithName("ListAuthors");

        authors.MapDelete("/{id}", async (string id, IMediator mediator, CancellationToken ct) =>
                await mediator.SendForNoContent(new DeleteAuthorCommand(id), ct))
            .WithName("DeleteAuthor")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
