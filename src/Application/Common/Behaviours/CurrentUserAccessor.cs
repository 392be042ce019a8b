using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Common.Behaviours;

/// <summary>Holds the caller the CurrentUser behaviour loaded, for the rest of the request's scope.</summary>
public sealed class CurrentUserAccessor : ICurrentUser
{
    // Only what it serves: the behaviour has already refused an ended session.
    private (User User, bool TwoFactorEnabled)? _caller;

    public User User => Caller.User;

    public bool TwoFactorEnabled => Caller.TwoFactorEnabled;

    private (User User, bool TwoFactorEnabled) Caller => _caller ?? throw new InvalidOperationException(
        "No current user: the request must implement IRequireUser so the CurrentUser behaviour loads one.");

    internal void Set(Caller caller) => _caller = (caller.User, caller.TwoFactorEnabled);

    /// <summary>For handlers run without the behaviour (unit tests).</summary>
    internal void Set(User user, bool twoFactorEnabled = false) => _caller = (user, twoFactorEnabled);
}
