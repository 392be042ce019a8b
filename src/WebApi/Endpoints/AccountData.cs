using System.Text.Json.Nodes;
using CleanAuth.Application.Accounts.EraseAccount;
using CleanAuth.Application.Accounts.ExportAccount;
using CleanAuth.WebApi.Contracts;
using CleanAuth.WebApi.Infrastructure;
using CleanAuth.WebApi.OpenApi;
using MediatR;

namespace CleanAuth.WebApi.Endpoints;

/// <summary>A user's data as a whole: erasing an account (the owner's or, for administrators, anyone's) and exporting one's own (ADR 0055).</summary>
public sealed class AccountData : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var me = app.MapSignedInGroup("/api/users/me", "Users");

        me.MapPost("/erase", async (EraseAccountRequest request, IMediator mediator, CancellationToken ct) =>
                await mediator.SendForNoContent(request.ToCommand(), ct))
            .WithName("EraseAccount")
            .WithExamples(request: () => new JsonObject { ["password"] = Samples.Password, ["twoFactorCode"] = "123456" })
            .RequireRateLimiting(RateLimiting.Erase)
            .WithSummary("Erases the signed-in user's account and everything it owns.")
            .WithDescription("Needs the password, and the second factor where enabled (400 otherwise, counted toward the lockout). Books, covers, authors, sessions and codes go; one mail says so. 409 for the last active administrator.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        me.MapGet("/export", async (IMediator mediator, CancellationToken ct) =>
            {
                var export = await mediator.Send(new ExportAccountQuery(), ct);
                return TypedResults.Stream(async body =>
                {
                    await using var archive = await ZipExportArchive.CreateAsync(body, ct);
                    await export.WriteAsync(archive, ct);
                }, "application/zip", "cleanauth-export.zip");
            })
            .WithName("ExportAccount")
            .RequireRateLimiting(RateLimiting.Export)
            .WithSummary("Downloads the signed-in user's data as a zip archive.")
            .WithDescription("account.json, sessions.json, activity.json, authors.json, books.json and each original cover under covers/, streamed as it is read. Needs a recent sign-in. Rate-limited per user.")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/zip")
            .ProducesRecentSignInProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        app.MapDelete("/api/admin/users/{id}", async (string id, IMediator mediator, CancellationToken ct) =>
                await mediator.SendForNoContent(new EraseUserCommand(id), ct))
            .WithTags("Admin").RequireAuthorization()
            .WithName("EraseUser")
            .RequireRateLimiting(RateLimiting.Erase)
            .WithSummary("Erases a user's account and everything it owns (administrators).")
            .WithDescription("Needs a recent sign-in. 409 for the last active administrator; 404 for an unknown or malformed id. No request body.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesRecentSignInProblem()
            .ProducesStoreProblems()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }
}
