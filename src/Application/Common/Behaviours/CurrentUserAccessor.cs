using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Common.Behaviours;

/// <summary>Holds the caller the CurrentUser behaviour loaded, for the rest of the request's scope.</summary>
public sealed class CurrentUserAccessor : ICurrentUser
{
    private Caller? _caller;

    public User User => Caller.User;

    public bool TwoFactorEnabled => Caller.TwoFactorEnabled;

    private Caller Caller => _caller ?? throw new InvalidOperationException(
        "No current user: the request must implement IRequireUser so the CurrentUser behaviour loads one.");

    internal void Set(Caller caller) => _caller = caller;

    /// <summary>For handlers run without the behaviour (unit tests): a caller whose session is live.</summary>
    internal void Set(User user, bool twoFactorEnabled = false) => _caller = new Caller(user, SessionLive: true, twoFactorEnabled);
}
