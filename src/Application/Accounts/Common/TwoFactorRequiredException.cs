using CleanAuth.Application.Common.Exceptions;

namespace CleanAuth.Application.Accounts.Common;

/// <summary>
/// The password was right, but the account has a second factor and the login brought none, or a wrong or spent one
/// (401 with a <c>type</c> of its own, so a client knows to ask for the code).
/// </summary>
public sealed class TwoFactorRequiredException(string message) : RejectionException(RejectionKind.Unauthorized, message)
{
    public const string Type = "urn:cleanauth:problem:two-factor-required";

    public override string? ProblemType => Type;
}
