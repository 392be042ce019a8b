using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Common.Behaviours;

/// <summary>Holds the user the CurrentUser behaviour loaded, for the rest of the request's scope.</summary>
public sealed class CurrentUserAccessor : ICurrentUser
{
    private User? _user;

    public User User => _user ?? throw new InvalidOperationException(
        "No current user: the request must implement IRequireUser so the CurrentUser behaviour loads one.");

    internal void Set(User user) => _user = user;
}
