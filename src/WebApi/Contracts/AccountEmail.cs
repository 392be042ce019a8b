using CleanAuth.Application.Accounts.ConfirmEmail;
using CleanAuth.Application.Accounts.ForgotPassword;
using CleanAuth.Application.Accounts.ResendConfirmation;
using CleanAuth.Application.Accounts.ResetPassword;

namespace CleanAuth.WebApi.Contracts;

/// <summary>Proves the address: the code mailed to it (ADR 0040). Every failure is the same 400.</summary>
public sealed record ConfirmEmailRequest(string Email, string Code)
{
    public ConfirmEmailCommand ToCommand() => new(Email, Code);

    public override string ToString() => nameof(ConfirmEmailRequest);
}

/// <summary>
/// Mails a new confirmation code, voiding the previous one. The caller hears the same 202 whether the address has
/// an account, is already confirmed or is disabled (ADR 0040): only its owner learns anything, from the mail.
/// </summary>
public sealed record ResendConfirmationRequest(string Email)
{
    public ResendConfirmationCommand ToCommand() => new(Email);
}

/// <summary>
/// Mails a password reset code, voiding the previous one. The same 202 whether or not the address has an account;
/// a disabled account gets no mail (it cannot reset its way back in).
/// </summary>
public sealed record ForgotPasswordRequest(string Email)
{
    public ForgotPasswordCommand ToCommand() => new(Email);
}

/// <summary>
/// Sets a new password with the code mailed by forgot-password (ADR 0040). Every session and access token of the
/// account ends, like a password change; on an address never confirmed, what its registrant set goes too (ADR 0043).
/// Every failure (wrong, expired, spent code, unknown or disabled account) is the same 400.
/// </summary>
public sealed record ResetPasswordRequest(string Email, string Code, string NewPassword)
{
    public ResetPasswordCommand ToCommand() => new(Email, Code, NewPassword);

    public override string ToString() => nameof(ResetPasswordRequest);
}
