using CleanAuth.Application.Accounts.Common;

namespace CleanAuth.Application.Accounts.Login;

/// <summary>
/// What a successful sign-in gives its client: the token pair, and a device token that makes this client a known
/// device for the address it signed in to (ADR 0046). A failed sign-in gives neither.
/// </summary>
public sealed record SignedIn(TokenPair Tokens, string DeviceToken)
{
    // Keeps the tokens out of anything that prints the record.
    public override string ToString() => $"{nameof(SignedIn)} {{ Tokens = {Tokens} }}";
}
