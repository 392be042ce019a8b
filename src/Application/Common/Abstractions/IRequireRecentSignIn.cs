namespace CleanAuth.Application.Common.Abstractions;

/// <summary>
/// Marks a request that only a user who signed in recently may send (<c>Accounts:RecentSignIn</c>, ADR 0047): the
/// sign-in that started the caller's session, not a refresh since, must be younger than the setting. It guards what
/// a stolen access token must not do to the owner (disabling the account). <see cref="RecentSignInRequired"/> lets
/// one request type need it only in some of its forms.
/// </summary>
public interface IRequireRecentSignIn : IRequireUser
{
    bool RecentSignInRequired => true;
}
