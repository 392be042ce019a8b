using System.Text.Json.Nodes;
using CleanAuth.Application.Authors.DeleteAuthor;
using CleanAuth.Application.Authors.GetAuthor;
using CleanAuth.Application.Authors.ListAuthors;
using CleanAuth.WebApi.Contracts;
using CleanAuth.WebApi.Infrastructure;
using CleanAuth.WebApi.OpenApi;
using MediatR;

namespace CleanAuth.WebApi.Endpoints;

public sealed class Authors : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var authors = app.MapSignedInGroup("/api/authors", "Authors");

        authors.MapPost("/", async (CreateAuthorRequest request, IMediator mediator, CancellationToken ct) =>
            {
                var author = AuthorResponse.From(await mediator.Send(request.ToCommand(), ct));
                return TypedResults.Created(AuthorResponse.PathOf(author.Id), author);
            })
            .WithName("CreateAuthor")
            .WithExamples(request: () => new JsonObject { ["name"] = "Ursula K. Le Guin", ["country"] = "USA", ["bookerPrize"] = false }, response: Samples.Author)
            .WithSummary("Adds an author to the signed-in user's list.")
            .WithDescription("`country` and `bookerPrize` are optional (no country; false).")
            .ProducesBodyProblems();

        authors.MapGet("/", async (IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok((await mediator.Send(new ListAuthorsQuery(), ct)).Select(AuthorResponse.From).ToList()))
            .WithName("ListAuthors")
            .WithExamples(response: () => new JsonArray(Samples.Author()))
            .WithSummary("The signed-in user's authors.")
            .WithDescription("Every author of the signed-in user; other users' authors are never listed.");

        authors.MapGet("/{id}", async (string id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(AuthorResponse.From(await mediator.Send(new GetAuthorQuery(id), ct))))
            .WithName("GetAuthor")
            .WithExamples(response: Samples.Author)
            .WithSummary("One of the signed-in user's authors.")
            .WithDescription("The author as the list shows it (what CreateAuthor's `Location` names). Another user's author, an unknown and a malformed id all get the same 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        authors.MapDelete("/{id}", async (string id, IMediator mediator, CancellationToken ct) =>
                await mediator.SendForNoContent(new DeleteAuthorCommand(id), ct))
            .WithName("DeleteAuthor")
            .WithSummary("Deletes one of the signed-in user's authors.")
            .WithDescription("409 while a book names the author; 404 for another user's, an unknown or a malformed id.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
