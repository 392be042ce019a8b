using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Login;
using CleanAuth.Application.Accounts.Logout;
using CleanAuth.Application.Accounts.Refresh;
using CleanAuth.Application.Accounts.RegisterUser;

namespace CleanAuth.WebApi.Contracts;

public sealed record RegisterRequest(string Name, string Email, string Password)
{
    public RegisterUserCommand ToCommand() => new(Name, Email, Password);

    public override string ToString() => nameof(RegisterRequest);
}

public sealed record RegisteredUserResponse(string Id, string Name, string Email, DateTimeOffset CreatedAt)
{
    public static RegisteredUserResponse From(RegisteredUser user) => new(user.Id, user.Name, user.Email, user.CreatedAt);
}

public sealed record LoginRequest(string Email, string Password, string? TwoFactorCode = null, string? RecoveryCode = null)
{
    public LoginCommand ToCommand() => new(Email, Password, TwoFactorCode, RecoveryCode);

    public override string ToString() => nameof(LoginRequest);
}

public sealed record RefreshRequest(string RefreshToken)
{
    public RefreshCommand ToCommand() => new(RefreshToken);

    public override string ToString() => nameof(RefreshRequest);
}

/// <summary>Ends the session (the refresh-token family) the token belongs to. Idempotent: an unknown token changes nothing.</summary>
public sealed record LogoutRequest(string RefreshToken)
{
    public LogoutCommand ToCommand() => new(RefreshToken);

    public override string ToString() => nameof(LogoutRequest);
}

/// <summary>What a successful login, refresh or password change hands the client.</summary>
public sealed record TokenPairResponse(string TokenType, string AccessToken, int ExpiresIn, string RefreshToken, int RefreshExpiresIn)
{
    public static TokenPairResponse From(TokenPair pair) => new(pair.TokenType, pair.AccessToken, pair.ExpiresIn, pair.RefreshToken, pair.RefreshExpiresIn);

    // Keeps the tokens out of anything that prints the record.
    public override string ToString() => $"{nameof(TokenPairResponse)} {{ ExpiresIn = {ExpiresIn}, RefreshExpiresIn = {RefreshExpiresIn} }}";
}
