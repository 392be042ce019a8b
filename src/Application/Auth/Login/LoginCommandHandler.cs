using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using MediatR;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Application.Auth.Login;

public sealed partial class LoginCommandHandler(
    IUserRepository users,
    IPasswordHasher passwordHasher,
    ITokenService tokens,
    IAuthMetrics metrics,
    ILogger<LoginCommandHandler> logger,
    TimeProvider timeProvider) : IRequestHandler<LoginCommand, LoginResult>
{
    // One answer for every failure, so a caller cannot learn which emails have accounts.
    internal const string InvalidCredentials = "The email or password is incorrect, or the account is disabled.";

    public async Task<LoginResult> Handle(LoginCommand request, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(request.Email, cancellationToken);

        // Verified even when there is no such user, so both failures take the same time.
        var verification = passwordHasher.Verify(user?.PasswordHash, request.Password);
        var failure = user is null ? LoginFailureReason.UnknownAccount
            : verification == PasswordVerification.Failed ? LoginFailureReason.WrongPassword
            : user.IsDisabled ? LoginFailureReason.AccountDisabled
            : (LoginFailureReason?)null;
        if (failure is { } reason)
        {
            metrics.LoginFailed(reason);
            LogLoginFailed(logger, reason, user?.Id);
            throw new UnauthorizedException(InvalidCredentials);
        }

        if (verification == PasswordVerification.SucceededRehashNeeded)
        {
            await RehashAsync(user!, request.Password, cancellationToken);
        }

        var token = tokens.IssueAccessToken(user!);
        metrics.LoginSucceeded();
        return new LoginResult("Bearer", token.Value, token.ExpiresInSeconds);
    }

    private async Task RehashAsync(Domain.Users.User user, string password, CancellationToken cancellationToken)
    {
        user.ReplacePasswordHash(passwordHasher.Hash(password), timeProvider.GetUtcNow());
        try
        {
            await users.UpdateAsync(user, cancellationToken);
        }
        catch (ConflictException)
        {
            // Another request changed the user first; the rehash is an upgrade, not a must, and the next login retries it.
        }
    }

    // The email tried is not logged (it is personal data, and often a password typed into the wrong field);
    // ClientIp and RequestId come from the request's log context.
    [LoggerMessage(EventId = 1100, EventName = "LoginFailed", Level = LogLevel.Warning,
        Message = "Login failed: {Reason} (account {AccountId})")]
    private static partial void LogLoginFailed(ILogger logger, LoginFailureReason reason, string? accountId);
}
