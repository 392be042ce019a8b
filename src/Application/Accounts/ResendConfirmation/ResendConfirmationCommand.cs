using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Logging;
using MediatR;

namespace CleanAuth.Application.Accounts.ResendConfirmation;

/// <summary>
/// Mails a new confirmation code, voiding the previous one. The caller hears the same 202 whether the address has
/// an account, is already confirmed or is disabled (ADR 0040): only its owner learns anything, from the mail.
/// </summary>
public sealed record ResendConfirmationCommand(string Email) : IRequest<Unit>;

public sealed class ResendConfirmationCommandHandler(IUserRepository users, AccountCodes codes, SecurityEvents events) : IRequestHandler<ResendConfirmationCommand, Unit>
{
    public async Task<Unit> Handle(ResendConfirmationCommand request, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(request.Email, cancellationToken);
        AccountCodeFailure? refusal = user switch
        {
            null => AccountCodeFailure.UnknownEmail,
            { IsDisabled: true } => AccountCodeFailure.Disabled,
            { EmailConfirmed: true } => AccountCodeFailure.AlreadyConfirmed,
            _ => null,
        };
        if (refusal is { } reason)
        {
            await codes.IssueToNobodyAsync(AccountCodePurpose.EmailConfirmation, cancellationToken);
            events.EmailConfirmationFailed(user?.Id, request.Email, reason);
            return Unit.Value;
        }

        await codes.IssueAndSendAsync(user!, AccountCodePurpose.EmailConfirmation, cancellationToken);
        events.EmailConfirmationSent(user!.Id);
        return Unit.Value;
    }
}
