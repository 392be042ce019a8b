namespace CleanAuth.Application.Accounts.Common;

/// <summary>What a successful login, refresh or password change hands the client.</summary>
public sealed record TokenPair(
    string TokenType,
    string AccessToken,
    int ExpiresIn,
    string RefreshToken,
    int RefreshExpiresIn)
{
    // Keeps the tokens out of anything that prints the record.
    public override string ToString() => $"{nameof(TokenPair)} {{ ExpiresIn = {ExpiresIn}, RefreshExpiresIn = {RefreshExpiresIn} }}";
}
