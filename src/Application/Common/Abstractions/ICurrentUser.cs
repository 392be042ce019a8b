using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Common.Abstractions;

/// <summary>The signed-in user, loaded and checked by the CurrentUser behaviour before a handler runs.</summary>
public interface ICurrentUser
{
    User User { get; }

    /// <summary>Whether the user has an enabled second factor, read in the same store read as the user (ADR 0053).</summary>
    bool TwoFactorEnabled { get; }
}
