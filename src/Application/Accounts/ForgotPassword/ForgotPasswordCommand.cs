using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Logging;
using MediatR;

namespace CleanAuth.Application.Accounts.ForgotPassword;

/// <summary>
/// Mails a password reset code, voiding the previous one. The same 202 whether or not the address has an account;
/// a disabled account gets no mail (it cannot reset its way back in).
/// </summary>
public sealed record ForgotPasswordCommand(string Email) : IRequest<Unit>;

public sealed class ForgotPasswordCommandHandler(IUserRepository users, AccountCodes codes, SecurityEvents events) : IRequestHandler<ForgotPasswordCommand, Unit>
{
    public async Task<Unit> Handle(ForgotPasswordCommand request, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(request.Email, cancellationToken);
        if (user is null || user.IsDisabled)
        {
            await codes.IssueToNobodyAsync(AccountCodePurpose.PasswordReset, cancellationToken);
            events.PasswordResetFailed(user?.Id, request.Email, user is null ? AccountCodeFailure.UnknownEmail : AccountCodeFailure.Disabled);
            return Unit.Value;
        }

        await codes.IssueAndSendAsync(user, AccountCodePurpose.PasswordReset, cancellationToken);
        events.PasswordResetRequested(user.Id);
        return Unit.Value;
    }
}
