using CleanAuth.Application.Accounts.EraseAccount;

namespace CleanAuth.WebApi.Contracts;

/// <summary>The body of <c>POST /api/users/me/erase</c>: the password always, the second factor where it is enabled.</summary>
public sealed record EraseAccountRequest(string Password, string? TwoFactorCode = null, string? RecoveryCode = null)
{
    public EraseAccountCommand ToCommand() => new(Password, TwoFactorCode, RecoveryCode);

    // Keeps the password out of anything that prints the record.
    public override string ToString() => nameof(EraseAccountRequest);
}
