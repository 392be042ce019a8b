using CleanAuth.Application.Common.Abstractions;
using MediatR;

namespace CleanAuth.Application.Common.Behaviours;

/// <summary>
/// Runs the use cases that hash a password (<see cref="IHashesPassword"/>) inside a hashing slot. It comes after
/// validation and the current-user check, so a request refused for its input never takes a slot.
/// </summary>
public sealed class PasswordHashingBehaviour<TRequest, TResponse>(IHashingCapacity capacity, IClientContext client)
    : IPipelineBehavior<TRequest, TResponse>
    where TRequest : IRequest<TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not IHashesPassword)
        {
            return await next();
        }

        using var slot = await capacity.EnterAsync(client.ClientIp, cancellationToken);
        return await next();
    }
}
