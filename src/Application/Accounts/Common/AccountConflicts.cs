using CleanAuth.Application.Common.Exceptions;

namespace CleanAuth.Application.Accounts.Common;

/// <summary>The account was changed since it was read: the store's conditional write matched nothing.</summary>
public sealed class AccountChangedException() : ConflictException("The account was changed by another request; retry.");
