using System.Text.Json.Nodes;
using CleanAuth.Application.Accounts.LogoutAll;
using CleanAuth.WebApi.Contracts;
using CleanAuth.WebApi.Infrastructure;
using CleanAuth.WebApi.OpenApi;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanAuth.WebApi.Endpoints;

public sealed class Auth : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth").ProducesStoreProblems();

        group.MapPost("/register", async (RegisterRequest request, IMediator mediator, CancellationToken ct) =>
                TypedResults.Created("/api/users/me", RegisteredUserResponse.From(await mediator.Send(request.ToCommand(), ct))))
            .WithName("RegisterUser")
            .WithExamples(
                request: () => new JsonObject { ["name"] = "Ann Lee", ["email"] = Samples.Email, ["password"] = Samples.Password },
                response: () => new JsonObject { ["id"] = Samples.UserId, ["name"] = "Ann Lee", ["email"] = Samples.Email, ["createdAt"] = Samples.Created })
            .WithSummary("Creates an account.")
            .WithDescription("Registers a user with a name, an email (unique in any case) and a password of 8–128 characters that is not on the common-password list. It does not sign in: log in afterwards. Rate-limited per client IP.")
            .RequireRateLimiting(RateLimiting.Register)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/login", LoginAsync)
            .WithName("Login")
            .WithExamples(request: () => new JsonObject { ["email"] = Samples.Email, ["password"] = Samples.Password }, response: Samples.Tokens)
            .IssuesTokens()
            .WithSummary("Exchanges an email and password for an access token and a refresh token.")
            .WithDescription("JSON, form fields, or `Authorization: Basic` with no body. Any failure is the same 401; five in a row lock the account for five minutes. A two-factor account also sends `twoFactorCode` or `recoveryCode` (else a 401 of type two-factor-required). An unconfirmed email can get 403. Rate-limited per IP.")
            .RequireRateLimiting(RateLimiting.Login)
            .Accepts<LoginRequest>(isOptional: true, "application/json", "application/x-www-form-urlencoded", "multipart/form-data")
            .WithMetadata(new BasicCredentialsAccepted())
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/refresh", async (RefreshRequest request, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(TokenPairResponse.From(await mediator.Send(request.ToCommand(), ct))))
            .WithName("Refresh")
            .WithExamples(request: () => new JsonObject { ["refreshToken"] = Samples.RefreshToken }, response: Samples.Tokens)
            .IssuesTokens()
            .WithSummary("Exchanges a refresh token for a new token pair.")
            .WithDescription("The presented token is spent; presenting a spent token again revokes its whole login's family. Expired, revoked, unknown and malformed tokens all get the same 401. Rate-limited per client IP.")
            .RequireRateLimiting(RateLimiting.Refresh)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/logout", async (LogoutRequest request, IMediator mediator, CancellationToken ct) =>
                await mediator.SendForNoContent(request.ToCommand(), ct))
            .WithName("Logout")
            .WithExamples(request: () => new JsonObject { ["refreshToken"] = Samples.RefreshToken })
            .WithSummary("Ends one login: its refresh-token family is revoked.")
            .WithDescription("Anonymous: the refresh token identifies the login. Answers 204 whether or not the token was still valid. Rate-limited per client IP (shared with refresh).")
            .RequireRateLimiting(RateLimiting.Refresh)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/logout-all", async (IMediator mediator, CancellationToken ct) =>
                await mediator.SendForNoContent(new LogoutAllCommand(), ct))
            .WithName("LogoutAll")
            .WithSummary("Ends every session of the signed-in user.")
            .WithDescription("Revokes every refresh-token family and makes every access token issued so far invalid, this one included.")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
    }

    private static async Task<Ok<TokenPairResponse>> LoginAsync(LoginForm form, IMediator mediator, HttpResponse response, CancellationToken ct)
    {
        var signedIn = await mediator.Send(form.Request.ToCommand(), ct);
        response.Headers[DeviceTokenHeader.Name] = signedIn.DeviceToken;
        return TypedResults.Ok(TokenPairResponse.From(signedIn.Tokens));
    }
}
