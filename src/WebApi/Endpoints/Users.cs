using CleanAuth.Application.Auth.Common;
using CleanAuth.Application.Users.ChangePassword;
using CleanAuth.Application.Users.Common;
using CleanAuth.Application.Users.DisableAccount;
using CleanAuth.Application.Users.GetCurrentUser;
using CleanAuth.Application.Users.UpdateProfile;
using CleanAuth.WebApi.Infrastructure;
using MediatR;

namespace CleanAuth.WebApi.Endpoints;

public sealed class Users : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/users/me").WithTags("Users").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        me.MapGet("/", async (IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetCurrentUserQuery(), ct)))
            .WithName("GetCurrentUser");

        me.MapPut("/", async (UpdateProfileCommand command, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(command, ct)))
            .WithName("UpdateProfile")
            .Produces<UserProfile>()
            .ProducesValidationProblem();

        me.MapPut("/password", async (ChangePasswordCommand command, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(command, ct)))
            .WithName("ChangePassword")
            .Produces<TokenPair>()
            .ProducesValidationProblem();

        me.MapDelete("/", async (IMediator mediator, CancellationToken ct) =>
                await mediator.SendForNoContent(new DisableAccountCommand(), ct))
            .WithName("DisableAccount")
            .Produces(StatusCodes.Status204NoContent);
    }
}
