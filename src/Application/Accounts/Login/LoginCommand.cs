using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Domain.Users;
using MediatR;
using Microsoft.Extensions.Options;

namespace CleanAuth.Application.Accounts.Login;

public sealed record LoginCommand(
    string Email,
    string Password,
    string? TwoFactorCode = null,
    string? RecoveryCode = null) : IRequest<SignedIn>, ISignInToAddress
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
    AccountActivity activity,
    IAuthMetrics metrics,
    IOptions<AccountOptions> accounts,
    ITwoFactorStore twoFactors,
    SecondFactor secondFactor,
    IDeviceTokens devices) : IRequestHandler<LoginCommand, SignedIn>
{
    // One answer for every failure, so a caller cannot learn which emails have accounts.
    internal const string InvalidCredentials = "The email or password is incorrect, or the account is disabled.";

    public async Task<SignedIn> Handle(LoginCommand request, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(request.Email, cancellationToken);

        // The attempt is reserved before the password is weighed: a guess that finds the lock window's budget
        // spent is not weighed at all, however many arrive together (ADR 0031).
        var attempt = await attempts.ReserveAsync(user, cancellationToken);

        // Verified even when there is no such user (or it is locked), so every failure takes the same time.
        var verification = passwordHasher.Verify(user?.PasswordHash, request.Password);
        if (user is null)
        {
            throw await RejectedAsync(null, SignInFailure.UnknownEmail, cancellationToken);
        }

        if (!attempt.IsReserved)
        {
            throw await RejectedAsync(user.Id, SignInFailure.LockedOut, cancellationToken);
        }

        if (verification == PasswordVerification.Failed)
        {
            var rejection = await RejectedAsync(user.Id, SignInFailure.WrongPassword, cancellationToken);
            attempts.Failed(attempt);
            throw rejection;
        }

        if (user.IsDisabled)
        {
            var rejection = await RejectedAsync(user.Id, SignInFailure.Disabled, cancellationToken);
            // The password was right: it must not count toward a lockout waiting for the re-enabled account.
            await attempts.SucceededAsync(user, null, isLogin: false, cancellationToken);
            throw rejection;
        }

        // The second factor first: only a caller who holds every factor learns that the email is unconfirmed.
        await CheckSecondFactorAsync(user, request, attempt, cancellationToken);
        if (accounts.Value.RequireConfirmedEmail && !user.EmailConfirmed)
        {
            var rejection = await RejectedAsync(user.Id, SignInFailure.EmailNotConfirmed, new EmailNotConfirmedException(), cancellationToken);
            // The password was right, as for a disabled account: the owner waiting for the mail is not locked out.
            await attempts.SucceededAsync(user, null, isLogin: false, cancellationToken);
            throw rejection;
        }

        var rehashed = verification == PasswordVerification.SucceededRehashNeeded ? passwordHasher.Hash(request.Password) : null;
        await attempts.SucceededAsync(user, rehashed, isLogin: true, cancellationToken);
        var pair = await refreshTokens.StartSessionAsync(user, cancellationToken);
        events.LoginSucceeded(user.Id);
        await activity.RecordAsync(user.Id, ActivityKind.SignIn, cancellationToken);
        metrics.LoginSucceeded();
        // Only a sign-in that succeeded makes its client a known device for this address (ADR 0046).
        return new SignedIn(pair, devices.Issue(request.Email));
    }

    // Weighed only after the password matched (ADR 0041). A missing or wrong second factor leaves the reserved attempt
    // counted, as a wrong password does, so codes cannot be guessed past the lockout.
    private async Task CheckSecondFactorAsync(User user, LoginCommand request, SignInAttempt attempt, CancellationToken cancellationToken)
    {
        if (await twoFactors.FindAsync(user.Id, cancellationToken) is not { IsEnabled: true } state)
        {
            return;
        }

        if (request.TwoFactorCode is null && request.RecoveryCode is null)
        {
            events.LoginFailed(user.Id, SignInFailure.TwoFactorRequired);
            metrics.LoginFailed(SignInFailure.TwoFactorRequired);
            await activity.SignInFailedAsync(user.Id, SignInFailure.TwoFactorRequired, cancellationToken);
            attempts.Failed(attempt);
            throw new TwoFactorRequiredException(SecondFactor.Needed);
        }

        switch (await secondFactor.CheckAsync(state, request.TwoFactorCode, request.RecoveryCode, cancellationToken))
        {
            case SecondFactorCheck.CodeAccepted:
                return;
            case SecondFactorCheck.RecoveryCodeSpent:
                events.RecoveryCodeUsed(user.Id);
                await activity.RecordAsync(user.Id, ActivityKind.RecoveryCodeUsed, cancellationToken);
                return;
            case SecondFactorCheck.Unreadable:
                break; // Logged as the configuration error it is (event 2011), not as a wrong or replayed code.
            default:
                events.TwoFactorFailed(user.Id, TwoFactorPurpose.Login);
                break;
        }

        metrics.LoginFailed(SignInFailure.TwoFactorFailed);
        await activity.SignInFailedAsync(user.Id, SignInFailure.TwoFactorFailed, cancellationToken);
        attempts.Failed(attempt);
        throw new TwoFactorRequiredException(SecondFactor.Wrong);
    }

    // Recorded before the failure's side effects, as the event of what was decided; the client's answer is always the same.
    // The activity is written for an unknown address too (for nobody), so both leave the same write behind (ADR 0054).
    private Task<UnauthorizedException> RejectedAsync(UserId? userId, SignInFailure reason, CancellationToken cancellationToken) =>
        RejectedAsync(userId, reason, new UnauthorizedException(InvalidCredentials), cancellationToken);

    private async Task<TRejection> RejectedAsync<TRejection>(UserId? userId, SignInFailure reason, TRejection rejection, CancellationToken cancellationToken)
    {
        events.LoginFailed(userId, reason);
        metrics.LoginFailed(reason);
        await activity.SignInFailedAsync(userId, reason, cancellationToken);
        return rejection;
    }
}
