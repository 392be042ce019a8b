using CleanAuth.Application.Common.Exceptions;

namespace CleanAuth.Application.Accounts.Common;

/// <summary>The account was changed since it was read: the store's conditional write matched nothing.</summary>
public sealed class AccountChangedException() : ConflictException("The account was changed by another request; retry.");

/// <summary>
/// The change would leave no active administrator (a disable, a revoked role, an erasure): the store refused it in
/// the same conditional write that would have made it (ADR 0031).
/// </summary>
public sealed class LastAdministratorException() : ConflictException(LastAdministrator)
{
    public const string LastAdministrator = "This is the last active administrator; make another administrator first.";
}
