using System.Text.Json.Nodes;
using CleanAuth.Application.Accounts.ListActivity;
using CleanAuth.WebApi.Contracts;
using CleanAuth.WebApi.Infrastructure;
using CleanAuth.WebApi.OpenApi;
using MediatR;

namespace CleanAuth.WebApi.Endpoints;

/// <summary>An account's security activity (ADR 0054): the caller's own, and any user's for administrators.</summary>
public sealed class Activity : IEndpointGroup
{
    private const string Paging = "Newest first; pageSize 20 by default, at most 100; pass `next` as `cursor` for the following page (null on the last).";

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/users/me/activity", async (string? cursor, int? pageSize, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(ActivityPage.From(await mediator.Send(new ListActivityQuery(cursor, pageSize), ct))))
            .WithTags("Users").RequireAuthorization()
            .WithName("ListMyActivity")
            .WithExamples(response: Page)
            .WithSummary("The signed-in user's security activity, a page at a time.")
            .WithDescription($"Sign-ins (also failed ones), password, email and two-factor changes, sign-outs, and an administrator's disabling or enabling. {Paging}")
            .Produces<ActivityPage>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesStoreProblems();

        app.MapGet("/api/admin/users/{id}/activity", async (string id, string? cursor, int? pageSize, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(ActivityPage.From(await mediator.Send(new ListActivityQuery(cursor, pageSize, id), ct))))
            .WithTags("Admin").RequireAuthorization()
            .WithName("ListUserActivity")
            .WithExamples(response: Page)
            .WithSummary("A user's security activity, a page at a time (administrators).")
            .WithDescription($"{Paging} 404 for an unknown or malformed id.")
            .Produces<ActivityPage>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesStoreProblems();
    }

    private static JsonObject Page() => new()
    {
        ["items"] = new JsonArray(
            new JsonObject
            {
                ["at"] = Samples.Created,
                ["kind"] = "signIn",
                ["outcome"] = "wrongPassword",
                ["clientIp"] = "203.0.113.7",
                ["userAgent"] = "Mozilla/5.0",
                ["sessionId"] = null,
            },
            new JsonObject
            {
                ["at"] = "2026-11-22T09:29:12.000+00:00",
                ["kind"] = "twoFactorEnabled",
                ["outcome"] = "succeeded",
                ["clientIp"] = "198.51.100.4",
                ["userAgent"] = "Mozilla/5.0",
                ["sessionId"] = null,
            }),
        ["next"] = "NjM4NjgyMTk3NTIwMDAwMDAwLjY3NDBiMmMxZTRiMGExYjJjM2Q0ZTVmOQ",
    };
}
