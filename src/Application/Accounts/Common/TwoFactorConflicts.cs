using CleanAuth.Application.Common.Exceptions;

namespace CleanAuth.Application.Accounts.Common;

/// <summary>The second factor is not in the state the request needs (409).</summary>
public sealed class TwoFactorStateException(string message) : ConflictException(message)
{
    public const string AlreadyEnabled = "Two-factor authentication is already enabled; disable it first.";
    public const string NoSetup = "No two-factor setup is in progress; begin one first (or it was replaced by a newer one).";
    public const string NotEnabled = "Two-factor authentication is not enabled.";
}
