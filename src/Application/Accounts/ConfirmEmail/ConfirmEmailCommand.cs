using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Logging;
using MediatR;

namespace CleanAuth.Application.Accounts.ConfirmEmail;

/// <summary>Proves the address: the code mailed to it (ADR 0040). Every failure is the same 400.</summary>
public sealed record ConfirmEmailCommand(string Email, string Code) : IRequest<Unit>
{
    public override string ToString() => $"{nameof(ConfirmEmailCommand)} {{ Email = {Email} }}";
}

public sealed class ConfirmEmailCommandHandler(IUserRepository users, AccountCodes codes, SecurityEvents events, AccountActivity activity) : IRequestHandler<ConfirmEmailCommand, Unit>
{
    public async Task<Unit> Handle(ConfirmEmailCommand request, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(request.Email, cancellationToken);
        if (await codes.RedeemAsync(user, AccountCodePurpose.EmailConfirmation, request.Code, cancellationToken) is { } reason)
        {
            events.EmailConfirmationFailed(user?.Id, request.Email, reason);
            throw AccountCodes.Invalid();
        }

        await users.MarkEmailConfirmedAsync(user!.Id, cancellationToken);
        events.EmailConfirmed(user.Id);
        await activity.RecordAsync(user.Id, ActivityKind.EmailConfirmed, cancellationToken);
        return Unit.Value;
    }
}
