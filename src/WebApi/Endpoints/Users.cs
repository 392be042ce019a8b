using System.Text.Json.Nodes;
using CleanAuth.Application.Accounts.ChangePassword;
using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.DisableAccount;
using CleanAuth.Application.Accounts.GetCurrentUser;
using CleanAuth.Application.Accounts.UpdateProfile;
using CleanAuth.WebApi.Infrastructure;
using CleanAuth.WebApi.OpenApi;
using MediatR;

namespace CleanAuth.WebApi.Endpoints;

public sealed class Users : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/users/me").WithTags("Users").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesStoreProblems();

        me.MapGet("/", async (IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetCurrentUserQuery(), ct)))
            .WithName("GetCurrentUser")
            .WithExamples(response: Samples.Profile)
            .WithSummary("The signed-in user's profile.")
            .WithDescription("The profile of the user the access token belongs to, with their roles.");

        me.MapPut("/", async (UpdateProfileCommand command, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(command, ct)))
            .WithName("UpdateProfile")
            .WithExamples(request: () => new JsonObject { ["name"] = "Ann Lee-Smith" }, response: Samples.Profile)
            .WithSummary("Changes the signed-in user's name.")
            .WithDescription("Only `name` is read; other fields are ignored.")
            .Produces<UserProfile>()
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status409Conflict);

        me.MapPut("/password", async (ChangePasswordCommand command, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(command, ct)))
            .WithName("ChangePassword")
            .WithExamples(
                request: () => new JsonObject { ["currentPassword"] = Samples.Password, ["newPassword"] = "a new and longer passphrase" },
                response: Samples.Tokens)
            .IssuesTokens()
            .RequireRateLimiting(RateLimiting.ChangePassword)
            .WithSummary("Changes the signed-in user's password.")
            .WithDescription("Needs the current password; a wrong one counts toward the same lockout as a failed login. Every other session ends; the caller gets a fresh token pair. Rate-limited per user.")
            .Produces<TokenPair>()
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        me.MapDelete("/", async (IMediator mediator, CancellationToken ct) =>
                await mediator.SendForNoContent(new DisableAccountCommand(), ct))
            .WithName("DisableAccount")
            .WithSummary("Disables the signed-in user's account.")
            .WithDescription("The account is kept, its tokens stop working at once and it can no longer sign in. 409 for the last active administrator. "
                + "Needs a recent sign-in (Accounts:RecentSignIn, 5 minutes by default, counted from the login that started the session; refreshing does not renew it): "
                + "an older one gets a 401 of type `urn:cleanauth:problem:recent-sign-in-required` with `WWW-Authenticate: Bearer error=\"insufficient_user_authentication\", max_age=300` (RFC 9470; `max_age` is the setting in seconds); "
                + "sign in again and repeat the call. No request body.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesRecentSignInProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
