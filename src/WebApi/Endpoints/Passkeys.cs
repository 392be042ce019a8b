using System.Text.Json.Nodes;
using CleanAuth.Application.Passkeys.BeginPasskeyRegistration;
using CleanAuth.Application.Passkeys.BeginPasskeySignIn;
using CleanAuth.Application.Passkeys.GetPasskey;
using CleanAuth.Application.Passkeys.ListPasskeys;
using CleanAuth.Application.Passkeys.RemovePasskey;
using CleanAuth.WebApi.Contracts;
using CleanAuth.WebApi.Infrastructure;
using CleanAuth.WebApi.OpenApi;
using MediatR;

namespace CleanAuth.WebApi.Endpoints;

/// <summary>Passkeys (ADR 0058): WebAuthn registration and management for the signed-in user, and anonymous sign-in.</summary>
public sealed class Passkeys : IEndpointGroup
{
    private const string PasskeyId = "3f1a9c2e7b5d40e8a6c1f902";
    private const string CeremonyId = "9b2e4c6a8d0f1e3a5c7b9d1f";

    public void Map(IEndpointRouteBuilder app)
    {
        var me = app.MapSignedInGroup("/api/users/me/passkeys", "Users");

        me.MapPost("/options", async (IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(PasskeyChallenge.From(await mediator.Send(new BeginPasskeyRegistrationCommand(), ct))))
            .WithName("BeginPasskeyRegistration")
            .WithExamples(response: () => Challenge(new JsonObject { ["rp"] = new JsonObject { ["id"] = "localhost", ["name"] = "CleanAuth" } }))
            .WithSummary("Begins registering a passkey.")
            .WithDescription("Returns a ceremonyId and WebAuthn creation options (residentKey and userVerification required) for navigator.credentials.create(); finish within 5 minutes. Needs a recent sign-in and a confirmed address (403).")
            .Produces<PasskeyChallenge>()
            .ProducesRecentSignInProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        me.MapPost("", async (PasskeyRegistration request, IMediator mediator, CancellationToken ct) =>
            {
                var passkey = PasskeyResponse.From(await mediator.Send(request.ToCommand(), ct));
                return TypedResults.Created($"/api/users/me/passkeys/{passkey.Id}", passkey);
            })
            .WithName("RegisterPasskey")
            .WithExamples(
                request: () => new JsonObject { ["ceremonyId"] = CeremonyId, ["credential"] = new JsonObject { ["id"] = "…", ["type"] = "public-key" }, ["name"] = "Laptop" },
                response: Passkey)
            .WithSummary("Finishes registering a passkey.")
            .WithDescription("`credential` is PublicKeyCredential.toJSON() of the new credential. Without a name: \"Passkey\" and the date. 400 when the ceremony is unknown, expired or spent or the credential does not verify; 409 when the passkey is registered already.")
            .Produces<PasskeyResponse>(StatusCodes.Status201Created)
            .ProducesBodyProblems()
            .ProducesRecentSignInProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        me.MapGet("", async (IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok((await mediator.Send(new ListPasskeysQuery(), ct)).Select(PasskeyResponse.From).ToList()))
            .WithName("ListPasskeys")
            .WithExamples(response: () => new JsonArray(Passkey()))
            .WithSummary("Lists the caller's passkeys.")
            .WithDescription("Oldest first.")
            .Produces<List<PasskeyResponse>>();

        me.MapGet("/{id}", async (string id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(PasskeyResponse.From(await mediator.Send(new GetPasskeyQuery(id), ct))))
            .WithName("GetPasskey")
            .WithExamples(response: Passkey)
            .WithSummary("Gets one of the caller's passkeys.")
            .WithDescription("404 for another account's, an unknown or a malformed id.")
            .Produces<PasskeyResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        me.MapPatch("/{id}", async (string id, PasskeyRename request, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(PasskeyResponse.From(await mediator.Send(request.ToCommand(id), ct))))
            .WithName("RenamePasskey")
            .WithExamples(request: () => new JsonObject { ["name"] = "Laptop" }, response: Passkey)
            .WithSummary("Renames one of the caller's passkeys.")
            .WithDescription("`name`: 1–64 characters. 404 for another account's or an unknown id.")
            .Produces<PasskeyResponse>()
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);

        me.MapDelete("/{id}", async (string id, IMediator mediator, CancellationToken ct) =>
                await mediator.SendForNoContent(new RemovePasskeyCommand(id), ct))
            .WithName("RemovePasskey")
            .WithSummary("Removes one of the caller's passkeys.")
            .WithDescription("The account keeps its password, so removing the last passkey is fine. 404 for another account's or an unknown id.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        MapSignIn(app.MapGroup("/api/auth/passkey").WithTags("Auth").ProducesStoreProblems().RequireRateLimiting(RateLimiting.PasskeySignIn));
    }

    private static void MapSignIn(RouteGroupBuilder auth)
    {
        auth.MapPost("/options", async (IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(PasskeyChallenge.From(await mediator.Send(new BeginPasskeySignInCommand(), ct))))
            .WithName("BeginPasskeySignIn")
            .WithExamples(response: () => Challenge(new JsonObject { ["rpId"] = "localhost", ["allowCredentials"] = new JsonArray(), ["userVerification"] = "required" }))
            .WithSummary("Begins a passkey sign-in.")
            .WithDescription("Anonymous. WebAuthn request options with an empty allowCredentials (discoverable passkeys) for navigator.credentials.get(); finish within 5 minutes. Rate-limited per client IP.")
            .Produces<PasskeyChallenge>()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        auth.MapPost("", async (PasskeyAssertion request, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(TokenPairResponse.From(await mediator.Send(request.ToCommand(), ct))))
            .WithName("PasskeySignIn")
            .WithExamples(request: () => new JsonObject { ["ceremonyId"] = CeremonyId, ["credential"] = new JsonObject { ["id"] = "…", ["type"] = "public-key" } }, response: Samples.Tokens)
            .IssuesTokens()
            .WithSummary("Signs in with a passkey.")
            .WithDescription("The same token pair as login, signed in now; no second factor is asked. Any failure is the same 401 (not counted toward the lockout); 403 email-not-confirmed as at login. Rate-limited per client IP.")
            .Produces<TokenPairResponse>()
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    private static JsonObject Challenge(JsonObject publicKey)
    {
        publicKey.Insert(0, "challenge", "dGhlIGNoYWxsZW5nZSwgMzIgcmFuZG9tIGJ5dGVz");
        return new JsonObject { ["ceremonyId"] = CeremonyId, ["publicKey"] = publicKey };
    }

    private static JsonObject Passkey() => new()
    {
        ["id"] = PasskeyId,
        ["name"] = "Laptop",
        ["createdAt"] = Samples.Created,
        ["lastUsedAt"] = null,
        ["backedUp"] = true,
    };
}
