using System.Text.Json.Nodes;
using CleanAuth.Application.Accounts.DisableAccount;
using CleanAuth.Application.Accounts.GetCurrentUser;
using CleanAuth.WebApi.Contracts;
using CleanAuth.WebApi.Infrastructure;
using CleanAuth.WebApi.OpenApi;
using MediatR;

namespace CleanAuth.WebApi.Endpoints;

public sealed class Users : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var me = app.MapSignedInGroup("/api/users/me", "Users");

        me.MapGet("/", async (IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(ProfileResponse.From(await mediator.Send(new GetCurrentUserQuery(), ct))))
            .WithName("GetCurrentUser")
            .WithExamples(response: Samples.Profile)
            .WithSummary("The signed-in user's profile.")
            .WithDescription("The profile of the user the access token belongs to, with their roles.");

        me.MapPut("/", async (UpdateProfileRequest request, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(ProfileResponse.From(await mediator.Send(request.ToCommand(), ct))))
            .WithName("UpdateProfile")
            .WithExamples(request: () => new JsonObject { ["name"] = "Ann Lee-Smith" }, response: Samples.Profile)
            .WithSummary("Changes the signed-in user's name.")
            .WithDescription("Only `name` is read; other fields are ignored.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status409Conflict);

        me.MapPut("/password", async (ChangePasswordRequest request, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(TokenPairResponse.From(await mediator.Send(request.ToCommand(), ct))))
            .WithName("ChangePassword")
            .WithExamples(
                request: () => new JsonObject { ["currentPassword"] = Samples.Password, ["newPassword"] = "a new and longer passphrase" },
                response: Samples.Tokens)
            .IssuesTokens()
            .RequireRateLimiting(RateLimiting.ChangePassword)
            .WithSummary("Changes the signed-in user's password.")
            .WithDescription("Needs the current password; a wrong one counts toward the same lockout as a failed login. Every other session ends; the caller gets a fresh token pair. Rate-limited per user.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        me.MapDelete("/", async (IMediator mediator, CancellationToken ct) =>
                await mediator.SendForNoContent(new DisableAccountCommand(), ct))
            .WithName("DisableAccount")
            .WithSummary("Disables the signed-in user's account.")
            .WithDescription("The account is kept; its tokens stop working at once and it can no longer sign in. 409 for the last active administrator. "
                + "Needs a recent sign-in (Accounts:RecentSignIn, 5 minutes by default): an older one gets a 401 of type `urn:cleanauth:problem:recent-sign-in-required`. No request body.")
            .ProducesRecentSignInProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
