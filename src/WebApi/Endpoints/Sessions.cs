using System.Text.Json.Nodes;
using CleanAuth.Application.Accounts.EndSession;
using CleanAuth.Application.Accounts.ListSessions;
using CleanAuth.WebApi.Contracts;
using CleanAuth.WebApi.Infrastructure;
using CleanAuth.WebApi.OpenApi;
using MediatR;

namespace CleanAuth.WebApi.Endpoints;

/// <summary>The signed-in user's sessions: list them, end one (ADR 0053).</summary>
public sealed class Sessions : IEndpointGroup
{
    private const string SessionId = "6740b2c1e4b0a1b2c3d4e5f9";

    public void Map(IEndpointRouteBuilder app)
    {
        var sessions = app.MapSignedInGroup("/api/users/me/sessions", "Users");

        sessions.MapGet("/", async (IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok((await mediator.Send(new ListSessionsQuery(), ct)).Select(SessionResponse.From).ToList()))
            .WithName("ListSessions")
            .WithExamples(response: () => new JsonArray(Example()))
            .WithSummary("The signed-in user's live sessions, newest first.")
            .WithDescription("One session per sign-in, with where it started and when it was last refreshed; `current` marks the caller's own.");

        sessions.MapDelete("/{id}", async (string id, IMediator mediator, CancellationToken ct) =>
                await mediator.SendForNoContent(new EndSessionCommand(id), ct))
            .WithName("EndSession")
            .WithSummary("Ends one of the signed-in user's sessions.")
            .WithDescription("Its refresh token and its access tokens stop working at once. Ending the current session is a logout. 404 for another user's, an ended, an unknown or a malformed id.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static JsonObject Example() => new()
    {
        ["id"] = SessionId,
        ["createdAt"] = Samples.Created,
        ["lastUsedAt"] = "2026-11-22T10:12:00.000+00:00",
        ["userAgent"] = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
        ["clientIp"] = "203.0.113.7",
        ["current"] = true,
    };
}
