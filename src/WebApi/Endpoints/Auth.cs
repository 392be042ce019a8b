using System.Text.Json.Nodes;
using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Login;
using CleanAuth.Application.Accounts.Logout;
using CleanAuth.Application.Accounts.LogoutAll;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Accounts.Refresh;
using CleanAuth.Application.Accounts.RegisterUser;
using CleanAuth.WebApi.Infrastructure;
using CleanAuth.WebApi.OpenApi;
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
            .WithExamples(
                request: () => new JsonObject { ["name"] = "Ann Lee", ["email"] = Samples.Email, ["password"] = Samples.Password },
                response: () => new JsonObject { ["id"] = Samples.UserId, ["name"] = "Ann Lee", ["email"] = Samples.Email, ["createdAt"] = Samples.Created })
            .WithSummary("Creates an account.")
            .WithDescription("Registers a user with a name, an email (unique in any case) and a password of 8–128 characters that is not on the common-password list. It does not sign in: log in afterwards. Rate-limited per client IP.")
            .RequireRateLimiting(RateLimiting.Register)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/login", async (LoginForm form, IMediator mediator, IDeviceTokens devices, HttpResponse response, CancellationToken ct) =>
            {
                var tokens = await mediator.Send(form.Command, ct);
                // Only a sign-in that succeeded makes its client a known device for this address (ADR 0046).
                response.Headers[DeviceTokenHeader.Name] = devices.Issue(form.Command.Email);
                return TypedResults.Ok(tokens);
            })
            .WithName("Login")
            .WithExamples(request: () => new JsonObject { ["email"] = Samples.Email, ["password"] = Samples.Password }, response: Samples.Tokens)
            .IssuesTokens()
            .WithSummary("Exchanges an email and password for an access token and a refresh token.")
            .WithDescription("Accepts JSON or form fields, or no body and the email and password as `Authorization: Basic` credentials (RFC 7617, UTF-8; a body as well is a 400, and Basic carries no second factor). Any failure (unknown email, wrong password, disabled or locked account) is the same 401; five consecutive failures lock the account for five minutes. An account with two-factor authentication also needs `twoFactorCode` (from the app) or `recoveryCode`: without one, or with a wrong or used one, the right password gets a 401 of type `urn:cleanauth:problem:two-factor-required`, which counts toward the lockout too. With Accounts:RequireConfirmedEmail on, the right password (and second factor) to an account whose email is not confirmed gets a 403 of type urn:cleanauth:problem:email-not-confirmed. Rate-limited per client IP. Every 200 carries a `Device-Token` header: send it back in the `Device-Token` header of later sign-ins to the same address, and while a flood of sign-ins keeps the server busy yours waits in a lane of its own instead of behind them (it is valid for Passwords:DeviceTokenLifetime, 30 days by default; each success gives a new one). It proves nothing else: a missing, expired, altered or other address's token changes no answer, only the lane.")
            .RequireRateLimiting(RateLimiting.Login)
            .Accepts<LoginCommand>(isOptional: true, "application/json", "application/x-www-form-urlencoded", "multipart/form-data")
            .WithMetadata(new BasicCredentialsAccepted())
            .Produces<TokenPair>()
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/refresh", async (RefreshCommand command, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(command, ct)))
            .WithName("Refresh")
            .WithExamples(request: () => new JsonObject { ["refreshToken"] = Samples.RefreshToken }, response: Samples.Tokens)
            .IssuesTokens()
            .WithSummary("Exchanges a refresh token for a new token pair.")
            .WithDescription("The presented token is spent; presenting a spent token again revokes its whole login's family. Expired, revoked, unknown and malformed tokens all get the same 401. Rate-limited per client IP.")
            .RequireRateLimiting(RateLimiting.Refresh)
            .Produces<TokenPair>()
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/logout", async (LogoutCommand command, IMediator mediator, CancellationToken ct) =>
                await mediator.SendForNoContent(command, ct))
            .WithName("Logout")
            .WithExamples(request: () => new JsonObject { ["refreshToken"] = Samples.RefreshToken })
            .WithSummary("Ends one login: its refresh-token family is revoked.")
            .WithDescription("Anonymous: the refresh token identifies the login. Answers 204 whether or not the token was still valid. Rate-limited per client IP (shared with refresh).")
            .RequireRateLimiting(RateLimiting.Refresh)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/logout-all", async (IMediator mediator, CancellationToken ct) =>
                await mediator.SendForNoContent(new LogoutAllCommand(), ct))
            .WithName("LogoutAll")
            .WithSummary("Ends every session of the signed-in user.")
            .WithDescription("Revokes every refresh-token family and makes every access token issued so far invalid, this one included.")
            .RequireAuthorization()
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
    }
}
