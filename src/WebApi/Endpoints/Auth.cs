using CleanAuth.Application.Auth.Login;
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
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/login", async (LoginForm form, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(form.Command, ct)))
            .WithName("Login")
            .WithSummary("Exchanges an email and password for an access token.")
            .Accepts<LoginCommand>("application/json", "application/x-www-form-urlencoded", "multipart/form-data")
            .Produces<LoginResult>()
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
    }
}
