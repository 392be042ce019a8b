using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Accounts.Ports;

/// <summary>The caller as one store read sees them: the account, whether the token's session is still live, whether a second factor is on.</summary>
/// <param name="User">The account.</param>
/// <param name="SessionLive">False when the token names a session that has ended (or is gone); true for a token without <c>sid</c>.</param>
/// <param name="TwoFactorEnabled">Whether the account has an enabled second factor.</param>
public sealed record Caller(User User, bool SessionLive, bool TwoFactorEnabled);

/// <summary>
/// The per-request read behind every authenticated request (ADR 0053): the user, their session's state and their
/// second factor's state in ONE store read — one SQLite statement, one MongoDB round trip — so that ending a session
/// ends its access tokens at once without a second read per request. Implementations throw
/// <see cref="StorageUnavailableException"/> when the store cannot be reached.
/// </summary>
public interface ICallerStore
{
    /// <summary>
    /// The user <paramref name="userId"/> with the state of their session <paramref name="sessionId"/> (null: the token
    /// carries none, so there is nothing to check); null when there is no such user.
    /// </summary>
    Task<Caller?> FindAsync(UserId userId, string? sessionId, CancellationToken cancellationToken);
}
