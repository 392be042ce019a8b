using System.Text.Json.Nodes;
using CleanAuth.Application.Accounts.ConfirmEmail;
using CleanAuth.Application.Accounts.ForgotPassword;
using CleanAuth.Application.Accounts.ResendConfirmation;
using CleanAuth.Application.Accounts.ResetPassword;
using CleanAuth.WebApi.Infrastructure;
using CleanAuth.WebApi.OpenApi;
using MediatR;

namespace CleanAuth.WebApi.Endpoints;

/// <summary>Email confirmation and password reset with emailed one-time codes (ADR 0040); anonymous, limited per IP, and per address for the routes that send mail.</summary>
public sealed class AccountEmail : IEndpointGroup
{
    private const string CodeRules =
        "The code is the 12 characters from the email (e.g. 7KQ2-M9XD-4HTW), in any case, dashes and spaces optional. " +
        "A wrong, expired, spent or replaced code, a code of the other kind or for another address, and an address without an account " +
        "all get the same 400. Wrong tries never kill a code: guessing is bounded per client IP.";

    private const string Limits =
        "Rate-limited per client IP (429 with Retry-After).";

    private const string MailLimits =
        "Rate-limited per client IP and per email address (429 with Retry-After).";

    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth").ProducesStoreProblems();

        group.MapPost("/email/confirm", async (ConfirmEmailCommand command, IMediator mediator, CancellationToken ct) =>
                await mediator.SendForNoContent(command, ct))
            .WithName("ConfirmEmail")
            .WithExamples(request: () => new JsonObject { ["email"] = Samples.Email, ["code"] = Samples.Code })
            .WithSummary("Confirms an email address with the code mailed to it.")
            .WithDescription($"Registering mails a confirmation code (valid 24 hours by default); presenting it marks the address confirmed (`emailConfirmed` on the profile). {CodeRules} {Limits}")
            .RequireRateLimiting(RateLimiting.AccountCodes)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/email/resend", async (ResendConfirmationCommand command, IMediator mediator, CancellationToken ct) =>
                await mediator.SendForAccepted(command, ct))
            .WithName("ResendConfirmation")
            .WithExamples(request: () => new JsonObject { ["email"] = Samples.Email })
            .WithSummary("Mails a new confirmation code, voiding the previous one.")
            .WithDescription($"Always 202 with an empty body, whether or not the address has an account, is confirmed already or is disabled: only the address's owner learns anything, from the mail. {MailLimits}")
            .RequireRateLimiting(RateLimiting.AccountCodes)
            .RequireAddressRateLimit<ResendConfirmationCommand>(c => c.Email)
            .Produces(StatusCodes.Status202Accepted)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/password/forgot", async (ForgotPasswordCommand command, IMediator mediator, CancellationToken ct) =>
                await mediator.SendForAccepted(command, ct))
            .WithName("ForgotPassword")
            .WithExamples(request: () => new JsonObject { ["email"] = Samples.Email })
            .WithSummary("Mails a password reset code, voiding the previous one.")
            .WithDescription($"Always 202 with an empty body, whether or not the address has an account; a disabled account gets no mail. The code is valid 15 minutes by default. {MailLimits}")
            .RequireRateLimiting(RateLimiting.AccountCodes)
            .RequireAddressRateLimit<ForgotPasswordCommand>(c => c.Email)
            .Produces(StatusCodes.Status202Accepted)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/password/reset", async (ResetPasswordCommand command, IMediator mediator, CancellationToken ct) =>
                await mediator.SendForNoContent(command, ct))
            .WithName("ResetPassword")
            .WithExamples(request: () => new JsonObject { ["email"] = Samples.Email, ["code"] = Samples.Code, ["newPassword"] = "a new correct horse" })
            .WithSummary("Sets a new password with the code mailed by forgot-password.")
            .WithDescription($"The new password follows register's rules. Every session and access token of the account ends (log in again). A disabled account cannot reset. {CodeRules} {Limits}")
            .RequireRateLimiting(RateLimiting.AccountCodes)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }
}
