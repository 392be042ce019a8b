using System.Text.Json.Nodes;
using CleanAuth.WebApi.Contracts;
using CleanAuth.WebApi.Infrastructure;
using CleanAuth.WebApi.OpenApi;
using MediatR;

namespace CleanAuth.WebApi.Endpoints;

/// <summary>Email confirmation and password reset with emailed one-time codes (ADR 0040); anonymous, limited per IP, and per address for the routes that send mail.</summary>
public sealed class AccountEmail : IEndpointGroup
{
    // The code's format and why every bad code gets the same 400: docs/security.md and ADR 0040.
    private const string CodeRules = "Any code that does not work, and an address without an account, get the same 400.";

    private const string Limits =
        "Rate-limited per client IP (429 with Retry-After).";

    private const string MailLimits =
        "Rate-limited per client IP and per email address (429 with Retry-After).";

    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth").ProducesStoreProblems();

        group.MapPost("/email/confirm", async (ConfirmEmailRequest request, IMediator mediator, CancellationToken ct) =>
                await mediator.SendForNoContent(request.ToCommand(), ct))
            .WithName("ConfirmEmail")
            .WithExamples(request: () => new JsonObject { ["email"] = Samples.Email, ["code"] = Samples.Code })
            .WithSummary("Confirms an email address with the code mailed to it.")
            .WithDescription($"The code registering mailed (valid 24 hours by default) marks the address confirmed (`emailConfirmed` on the profile). {CodeRules} {Limits}")
            .RequireRateLimiting(RateLimiting.AccountCodes)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/email/resend", async (ResendConfirmationRequest request, IMediator mediator, CancellationToken ct) =>
                await mediator.SendForAccepted(request.ToCommand(), ct))
            .WithName("ResendConfirmation")
            .WithExamples(request: () => new JsonObject { ["email"] = Samples.Email })
            .WithSummary("Mails a new confirmation code, voiding the previous one.")
            .WithDescription($"Always 202 with an empty body, whether or not the address has an account, is confirmed already or is disabled: only the address's owner learns anything, from the mail. {MailLimits}")
            .RequireRateLimiting(RateLimiting.AccountCodes)
            .RequireAddressRateLimit<ResendConfirmationRequest>(r => r.Email)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/password/forgot", async (ForgotPasswordRequest request, IMediator mediator, CancellationToken ct) =>
                await mediator.SendForAccepted(request.ToCommand(), ct))
            .WithName("ForgotPassword")
            .WithExamples(request: () => new JsonObject { ["email"] = Samples.Email })
            .WithSummary("Mails a password reset code, voiding the previous one.")
            .WithDescription($"Always 202 with an empty body, whether or not the address has an account; a disabled account gets no mail. The code is valid 15 minutes by default. {MailLimits}")
            .RequireRateLimiting(RateLimiting.AccountCodes)
            .RequireAddressRateLimit<ForgotPasswordRequest>(r => r.Email)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/password/reset", async (ResetPasswordRequest request, IMediator mediator, CancellationToken ct) =>
                await mediator.SendForNoContent(request.ToCommand(), ct))
            .WithName("ResetPassword")
            .WithExamples(request: () => new JsonObject { ["email"] = Samples.Email, ["code"] = Samples.Code, ["newPassword"] = "a new correct horse" })
            .WithSummary("Sets a new password with the code mailed by forgot-password.")
            .WithDescription($"The new password follows register's rules. Every session and access token of the account ends (log in again). A disabled account cannot reset. {CodeRules} {Limits}")
            .RequireRateLimiting(RateLimiting.AccountCodes)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }
}
