using System.Text.Json.Nodes;
using CleanAuth.Application.Accounts.DisableAccount;
using CleanAuth.Application.Accounts.EnableAccount;
using CleanAuth.Application.Accounts.GrantAdminRole;
using CleanAuth.Application.Accounts.ListUsers;
using CleanAuth.Application.Accounts.RevokeAdminRole;
using CleanAuth.WebApi.Contracts;
using CleanAuth.WebApi.Infrastructure;
using CleanAuth.WebApi.OpenApi;
using MediatR;

namespace CleanAuth.WebApi.Endpoints;

/// <summary>Administrators' routes. The admin role is checked by the pipeline (the requests are marked IRequireRole), not here.</summary>
public sealed class Admin : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var users = app.MapSignedInGroup("/api/admin/users", "Admin")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        users.MapGet("/", async (int? page, int? pageSize, string? email, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(PageResponse<UserSummaryResponse>.From(await mediator.Send(new ListUsersQuery(page, pageSize, email), ct), UserSummaryResponse.From)))
            .WithName("ListUsers")
            .WithExamples(response: () => new JsonObject
            {
                ["items"] = new JsonArray(new JsonObject
                {
                    ["id"] = Samples.UserId,
                    ["name"] = "Ann Lee",
                    ["email"] = Samples.Email,
                    ["roles"] = new JsonArray("admin"),
                    ["disabled"] = false,
                    ["createdAt"] = Samples.Created,
                    ["lastLoginAt"] = Samples.Created,
                    ["emailConfirmed"] = true,
                    ["twoFactorEnabled"] = true,
                }),
                ["page"] = 1,
                ["pageSize"] = 20,
                ["totalCount"] = 1,
            })
            .WithSummary("Lists users, a page at a time (administrators).")
            .WithDescription("Filtered by an email fragment; pageSize 20 by default, at most 100.")
            .ProducesValidationProblem();

        users.MapPost("/{id}/disable", async (string id, IMediator mediator, CancellationToken ct) =>
                await mediator.SendForNoContent(new DisableAccountCommand(id), ct))
            .WithName("DisableUser")
            .WithSummary("Disables a user's account (administrators).")
            .WithDescription("Its tokens stop working at once. 409 for the last active administrator; 404 for an unknown or malformed id.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        users.MapPost("/{id}/enable", async (string id, IMediator mediator, CancellationToken ct) =>
                await mediator.SendForNoContent(new EnableAccountCommand(id), ct))
            .WithName("EnableUser")
            .WithSummary("Enables a disabled account again (administrators).")
            .WithDescription("404 for an unknown or malformed id.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        users.MapPost("/{id}/roles/admin", async (string id, IMediator mediator, CancellationToken ct) =>
                await mediator.SendForNoContent(new GrantAdminRoleCommand(id), ct))
            .WithName("GrantAdminRole")
            .WithSummary("Makes a user an administrator (administrators).")
            .WithDescription("404 for an unknown or malformed id.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        users.MapDelete("/{id}/roles/admin", async (string id, IMediator mediator, CancellationToken ct) =>
                await mediator.SendForNoContent(new RevokeAdminRoleCommand(id), ct))
            .WithName("RevokeAdminRole")
            .WithSummary("Takes the admin role from a user (administrators).")
            .WithDescription("409 when that would leave no active administrator; 404 for an unknown or malformed id.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
