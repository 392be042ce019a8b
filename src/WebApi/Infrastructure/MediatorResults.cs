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
}
