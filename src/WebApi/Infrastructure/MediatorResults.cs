using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanAuth.WebApi.Infrastructure;

public static class MediatorResults
{
    /// <summary>Sends a command that returns nothing and answers 204, so such an endpoint stays one line.</summary>
    public static async Task<NoContent> SendForNoContent(this IMediator mediator, IRequest<Unit> command, CancellationToken cancellationToken)
    {
        await mediator.Send(command, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Sends a command whose effect happens later (an email) and answers 202 with no body.</summary>
    public static async Task<Accepted> SendForAccepted(this IMediator mediator, IRequest<Unit> command, CancellationToken cancellationToken)
    {
        await mediator.Send(command, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>Sends a command that creates something and answers 201 with its location.</summary>
    public static async Task<Created<T>> SendForCreated<T>(
        this IMediator mediator, IRequest<T> command, Func<T, string> location, CancellationToken cancellationToken)
    {
        var created = await mediator.Send(command, cancellationToken);
        return TypedResults.Created(location(created), created);
    }
}
