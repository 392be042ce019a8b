using CleanAuth.Application.Common.Exceptions;

namespace CleanAuth.Application.Accounts.Common;

/// <summary>
/// The right password, but <see cref="AccountOptions.RequireConfirmedEmail"/> is on and the address is not confirmed:
/// a 403 with a problem type of its own, so a client can offer to resend the confirmation email.
/// </summary>
public sealed class EmailNotConfirmedException()
    : ForbiddenException("Confirm your email address first: use the code we emailed you, or ask for a new one at /api/auth/email/resend.")
{
    public const string Type = "urn:cleanauth:problem:email-not-confirmed";

    public override string? ProblemType => Type;
}
