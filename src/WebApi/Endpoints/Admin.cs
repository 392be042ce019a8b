using CleanAuth.Application.Users.DisableAccount;
using CleanAuth.Application.Users.EnableAccount;
using CleanAuth.Application.Users.GrantAdminRole;
using CleanAuth.Application.Users.ListUsers;
using CleanAuth.Application.Users.RevokeAdminRole;
using CleanAuth.WebApi.Infrastructure;
using MediatR;

namespace CleanAuth.WebApi.Endpoints;

/// <summary>Administrators' routes. The admin role is checked by the pipeline (the requests are marked IRequireRole), not here.</summary>
public sealed class Admin : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/admin/users").WithTags("Admin").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesStoreProblems()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        users.MapGet("/", async (int? page, int? pageSize, string? email, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListUsersQuery(page, pageSize, email), ct)))
            .WithName("ListUsers")
            .Produces<UserListPage>()
            .ProducesValidationProblem();

        users.MapPost("/{id}/disable", async (string id, IMediator mediator, CancellationToken ct) =>
                await mediator.SendForNoContent(new DisableAccountCommand(id), ct))
            .WithName("DisableUser")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        users.MapPost("/{id}/enable", async (string id, IMediator mediator, CancellationToken ct) =>
                await mediator.SendForNoContent(new EnableAccountCommand(id), ct))
            .WithName("EnableUser")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        users.MapPost("/{id}/roles/admin", async (string id, IMediator mediator, CancellationToken ct) =>
                await mediator.SendForNoContent(new GrantAdminRoleCommand(id), ct))
            .WithName("GrantAdminRole")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        users.MapDelete("/{id}/roles/admin", async (string id, IMediator mediator, CancellationToken ct) =>
                await mediator.SendForNoContent(new RevokeAdminRoleCommand(id), ct))
            .WithName("RevokeAdminRole")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
