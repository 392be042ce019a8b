using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Common.Abstractions;

/// <summary>The signed-in user, loaded and checked by the CurrentUser behaviour before a handler runs.</summary>
public interface ICurrentUser
{
    User User { get; }
}
