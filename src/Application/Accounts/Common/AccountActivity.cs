using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Domain.Users;
using Microsoft.Extensions.Options;

namespace CleanAuth.Application.Accounts.Common;

/// <summary>
/// Records what happened to an account in its activity (ADR 0054), on the paths that raise the matching security
/// events. A failed sign-in for an address no account has is recorded too, for <see cref="AccountCodes.Nobody"/>
/// and without the caller's address: known and unknown addresses make the same write, so what a failed sign-in
/// leaves behind says nothing about the address. Nobody's history is capped like everyone's.
/// </summary>
public sealed class AccountActivity(
    IActivityLog log, IClientContext client, ICallerIdentity caller, IIdGenerator ids, IOptions<AccountOptions> options, TimeProvider timeProvider)
{
    /// <summary>
    /// Records <paramref name="kind"/> for <paramref name="userId"/>. When <paramref name="actor"/> is someone else (an
    /// administrator), the request's address and user agent are theirs, not the user's, and are left out.
    /// </summary>
    public Task RecordAsync(UserId userId, ActivityKind kind, CancellationToken cancellationToken, UserId? actor = null) =>
        WriteAsync(userId, kind, ActivityOutcome.Succeeded, withClient: actor is null || actor == userId, cancellationToken);

    /// <summary>A failed sign-in; reasons the owner may not learn (a disabled account, an unconfirmed address) are not recorded.</summary>
    public Task SignInFailedAsync(UserId? userId, SignInFailure reason, CancellationToken cancellationToken)
    {
        if (reason == SignInFailure.UnknownEmail || userId is null)
        {
            return WriteAsync(AccountCodes.Nobody, ActivityKind.SignIn, ActivityOutcome.WrongPassword, withClient: false, cancellationToken);
        }

        ActivityOutcome? outcome = reason switch
        {
            SignInFailure.WrongPassword => ActivityOutcome.WrongPassword,
            SignInFailure.LockedOut => ActivityOutcome.Locked,
            SignInFailure.TwoFactorRequired => ActivityOutcome.SecondFactorRequired,
            SignInFailure.TwoFactorFailed => ActivityOutcome.WrongSecondFactor,
            _ => null,
        };
        return outcome is { } failed
            ? WriteAsync(userId.Value, ActivityKind.SignIn, failed, withClient: true, cancellationToken)
            : Task.CompletedTask;
    }

    // The session is the caller's own (the sid of its access token, ADR 0053); a sign-in has none yet. The service's
    // clock (MillisecondClock) already reads to the millisecond, as the stores keep times.
    private Task WriteAsync(UserId userId, ActivityKind kind, ActivityOutcome outcome, bool withClient, CancellationToken cancellationToken)
    {
        var entry = new ActivityEntry(
            ids.NewId(), userId, timeProvider.GetUtcNow(), kind, outcome,
            withClient ? client.ClientIp : null, withClient ? client.UserAgent : null, withClient ? caller.SessionId : null);
        return log.RecordAsync(entry, options.Value.ActivityFailureLimit, cancellationToken);
    }
}
