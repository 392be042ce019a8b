using CleanAuth.Application.Auth.Common;
using CleanAuth.Application.Auth.Login;
using CleanAuth.Application.Auth.Logout;
using CleanAuth.Application.Auth.LogoutAll;
using CleanAuth.Application.Auth.Refresh;
using CleanAuth.Application.Auth.RegisterUser;
using CleanAuth.WebApi.Infrastructure;
using MediatR;

namespace CleanAuth.WebApi.Endpoints;

public sealed class Auth : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth").ProducesStoreProblems();

        group.MapPost("/register", async (RegisterUserCommand command, IMediator mediator, CancellationToken ct) =>
                TypedResults.Created("/api/users/me", await mediator.Send(command, ct)))
            .WithName("RegisterUser")
            .WithSummary("Creates an account.")
            .RequireRateLimiting(RateLimiting.Register)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/login", async (LoginForm form, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(form.Command, ct)))
            .WithName("Login")
            .WithSummary("Exchanges an email and password for an access token and a refresh token.")
            .RequireRateLimiting(RateLimiting.Login)
            .Accepts<LoginCommand>("application/json", "application/x-www-form-urlencoded", "multipart/form-data")
            .Produces<TokenPair>()
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/refresh", async (RefreshCommand command, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(command, ct)))
            .WithName("Refresh")
            .RequireRateLimiting(RateLimiting.Refresh)
            .Produces<TokenPair>()
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/logout", async (LogoutCommand command, IMediator mediator, CancellationToken ct) =>
                await mediator.SendForNoContent(command, ct))
            .WithName("Logout")
            .RequireRateLimiting(RateLimiting.Refresh)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesBodyProblems();

        group.MapPost("/logout-all", async (IMediator mediator, CancellationToken ct) =>
                await mediator.SendForNoContent(new LogoutAllCommand(), ct))
            .WithName("LogoutAll")
            .RequireAuthorization()
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
    }
}
