using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using MediatR;

namespace CleanAuth.Application.Auth.Login;

public sealed class LoginCommandHandler(
    IUserRepository users,
    IPasswordHasher passwordHasher,
    ITokenService tokens,
    TimeProvider timeProvider) : IRequestHandler<LoginCommand, LoginResult>
{
    // One answer for every failure, so a caller cannot learn which emails have accounts.
    internal const string InvalidCredentials = "The email or password is incorrect, or the account is disabled.";

    public async Task<LoginResult> Handle(LoginCommand request, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(request.Email, cancellationToken);

        // Verified even when there is no such user, so both failures take the same time.
        var verification = passwordHasher.Verify(user?.PasswordHash, request.Password);
        if (user is null || user.IsDisabled || verification == PasswordVerification.Failed)
        {
            throw new UnauthorizedException(InvalidCredentials);
        }

        if (verification == PasswordVerification.SucceededRehashNeeded)
        {
            await RehashAsync(user, request.Password, cancellationToken);
        }

        var token = tokens.IssueAccessToken(user);
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
}
