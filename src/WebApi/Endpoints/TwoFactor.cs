using System.Text.Json.Nodes;
using CleanAuth.Application.Accounts.BeginTwoFactorSetup;
using CleanAuth.Application.Accounts.ResetTwoFactor;
using CleanAuth.WebApi.Contracts;
using CleanAuth.WebApi.Infrastructure;
using CleanAuth.WebApi.OpenApi;
using MediatR;

namespace CleanAuth.WebApi.Endpoints;

/// <summary>The second factor (ADR 0041): an authenticator app's codes and single-use recovery codes.</summary>
public sealed class TwoFactor : IEndpointGroup
{
    private const string SharedKey = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    public void Map(IEndpointRouteBuilder app)
    {
        var me = app.MapSignedInGroup("/api/users/me/two-factor", "Users");

        me.MapPost("/setup", async (IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(TwoFactorSetupResponse.From(await mediator.Send(new BeginTwoFactorSetupCommand(), ct))))
            .WithName("BeginTwoFactorSetup")
            .WithExamples(response: () => new JsonObject
            {
                ["sharedKey"] = SharedKey,
                ["authenticatorUri"] = $"otpauth://totp/CleanAuth:ann%40example.com?secret={SharedKey}&issuer=CleanAuth&algorithm=SHA1&digits=6&period=30",
                ["qrCodeSvg"] = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 33 33\">…</svg>",
            })
            .IssuesTokens()
            .WithSummary("Starts setting up an authenticator app.")
            .WithDescription("Returns a new shared key, its otpauth URI and the URI as an SVG QR code; a new setup replaces an unfinished one. 403 (type `urn:cleanauth:problem:email-not-confirmed`) until the account's email address is confirmed; 409 while two-factor authentication is enabled.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        me.MapPost("/enable", async (EnableTwoFactorRequest request, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(TwoFactorEnabledResponse.From(await mediator.Send(request.ToCommand(), ct))))
            .WithName("EnableTwoFactor")
            .WithExamples(
                request: () => new JsonObject { ["code"] = "123456" },
                response: () =>
                {
                    var body = Samples.Tokens();
                    body.Insert(0, "recoveryCodes", new JsonArray(["7K3QD-M9XWP", "A2B4C-D6E8F"]));
                    return body;
                })
            .IssuesTokens()
            .WithSummary("Enables two-factor authentication with a code from the app.")
            .WithDescription("Answers with ten recovery codes, shown only this once, and a fresh token pair: every other session ends. 400 for a wrong code; 403 (type `urn:cleanauth:problem:email-not-confirmed`) until the account's email address is confirmed; 409 without a setup or when already enabled.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        me.MapPost("/disable", async (DisableTwoFactorRequest request, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(TokenPairResponse.From(await mediator.Send(request.ToCommand(), ct))))
            .WithName("DisableTwoFactor")
            .WithExamples(request: () => new JsonObject { ["password"] = Samples.Password }, response: Samples.Tokens)
            .IssuesTokens()
            .RequireRateLimiting(RateLimiting.ChangePassword)
            .WithSummary("Disables two-factor authentication.")
            .WithDescription("Needs the password (a wrong one counts toward the lockout). Every other session ends; the caller gets a fresh token pair. 409 when it is not enabled. Rate-limited per user.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        me.MapPost("/recovery-codes", async (RegenerateRecoveryCodesRequest request, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(RecoveryCodesResponse.From(await mediator.Send(request.ToCommand(), ct))))
            .WithName("RegenerateRecoveryCodes")
            .WithExamples(
                request: () => new JsonObject { ["password"] = Samples.Password },
                response: () => new JsonObject { ["recoveryCodes"] = new JsonArray(["7K3QD-M9XWP", "A2B4C-D6E8F"]) })
            .IssuesTokens()
            .RequireRateLimiting(RateLimiting.ChangePassword)
            .WithSummary("Replaces the recovery codes.")
            .WithDescription("Needs the password. The old codes stop working; the ten new ones are shown only this once. No session ends. 409 when two-factor authentication is not enabled. Rate-limited per user.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        app.MapSignedInGroup("/api/admin/users", "Admin")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .MapPost("/{id}/two-factor/reset", async (string id, IMediator mediator, CancellationToken ct) =>
                await mediator.SendForNoContent(new ResetTwoFactorCommand(id), ct))
            .WithName("ResetTwoFactor")
            .WithSummary("Removes a user's second factor (administrators).")
            .WithDescription("For a user who lost both the app and the recovery codes: they sign in with the password alone and may set it up again. Every session of the user ends. 404 for an unknown or malformed id.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
