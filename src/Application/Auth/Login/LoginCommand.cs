using CleanAuth.Application.Auth.Common;
using CleanAuth.Application.Auth.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Users.Ports;
using CleanAuth.Domain.Common;
using CleanAuth.Domain.Users;
using MediatR;
using Microsoft.Extensions.Options;

namespace CleanAuth.Application.Auth.Login;

public sealed record LoginCommand(string Email, [property: Sensitive] string Password) : IRequest<TokenPair>, IHashesPassword
{
    // Keeps the password out of anything that prints the record.
    public override string ToString() => $"{nameof(LoginCommand)} {{ Email = {Email} }}";
}

public sealed class LoginCommandHandler(
    IUserRepository users,
    IPasswordHasher passwordHasher,
    RefreshTokens refreshTokens,
    SignInAttempts attempts,
    SecurityEvents events,
    IAuthMetrics metrics,
    IOptions<AccountOptions> accounts) : IRequestHandler<LoginCommand, TokenPair>
{
    // One answer for every failure, so a caller cannot learn which emails have accounts.
    internal const string InvalidCredentials = "The email or password is incorrect, or the account is disabled.";

    public async Task<TokenPair> Handle(LoginCommand request, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(request.Email, cancellationToken);

        // The attempt is reserved before the password is weighed: a guess that finds the lock window's budget
        // spent is not weighed at all, however many arrive together (ADR 0031).
        var attempt = await attempts.ReserveAsync(user, cancellationToken);

        // Verified even when there is no such user (or it is locked), so every failure takes the same time.
        var verification = passwordHasher.Verify(user?.PasswordHash, request.Password);
        if (user is null)
        {
            throw Rejected(null, LoginFailure.UnknownEmail);
        }

        if (!attempt.IsReserved)
        {
            throw Rejected(user.Id, LoginFailure.LockedOut);
        }

        if (verification == PasswordVerification.Failed)
        {
            var rejection = Rejected(user.Id, LoginFailure.WrongPassword);
            attempts.Failed(attempt);
            throw rejection;
        }

        if (user.IsDisabled)
        {
            var rejection = Rejected(user.Id, LoginFailure.Disabled);
            // The password was right: it must not count toward a lockout waiting for the re-enabled account.
            await attempts.SucceededAsync(user, null, isLogin: false, cancellationToken);
            throw rejection;
        }

        if (accounts.Value.RequireConfirmedEmail && !user.EmailConfirmed)
        {
            var rejection = Rejected(user.Id, LoginFailure.EmailNotConfirmed, new EmailNotConfirmedException());
            // The password was right, as for a disabled account: the owner waiting for the mail is not locked out.
            await attempts.SucceededAsync(user, null, isLogin: false, cancellationToken);
            throw rejection;
        }

        var rehashed = verification == PasswordVerification.SucceededRehashNeeded ? passwordHasher.Hash(request.Password) : null;
        await attempts.SucceededAsync(user, rehashed, isLogin: true, cancellationToken);
        var pair = await refreshTokens.StartFamilyAsync(user, cancellationToken);
        events.LoginSucceeded(user.Id);
        metrics.LoginSucceeded();
        return pair;
    }

    // Recorded before the failure's side effects, as the event of what was decided; the client's answer is always the same.
    private UnauthorizedException Rejected(UserId? userId, LoginFailure reason) => Rejected(userId, reason, new UnauthorizedException(InvalidCredentials));

    private TRejection Rejected<TRejection>(UserId? userId, LoginFailure reason, TRejection rejection)
    {
        events.LoginFailed(userId, reason);
        metrics.LoginFailed(reason);
        return rejection;
    }
}
