using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Abstractions;
using MediatR;

namespace CleanAuth.Application.Common.Behaviours;

/// <summary>
/// Runs the use cases that hash a password (<see cref="IHashesPassword"/>) inside a hashing slot. It comes after
/// validation and the current-user check, so a request refused for its input never takes a slot. A sign-in whose
/// client presents a valid device token for the same address waits in the known-device lane (ADR 0046); any other
/// token, or none, leaves it in the anonymous lane with the same answers.
/// </summary>
public sealed class PasswordHashingBehaviour<TRequest, TResponse>(IHashingCapacity capacity, IClientContext client, IDeviceTokens devices)
    : IPipelineBehavior<TRequest, TResponse>
    where TRequest : IRequest<TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not IHashesPassword)
        {
            return await next();
        }

        var lane = request is ISignInToAddress signIn && devices.IsValidFor(client.DeviceToken, signIn.Email)
            ? HashingLane.KnownDevice
            : HashingLane.Anonymous;
        using var slot = await capacity.EnterAsync(lane, cancellationToken);
        return await next();
    }
}
