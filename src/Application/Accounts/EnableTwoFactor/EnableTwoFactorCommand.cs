using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Logging;
using MediatR;

namespace CleanAuth.Application.Accounts.EnableTwoFactor;

/// <summary>
/// Proves the pending key works (a code from the app) and turns the second factor on: recovery codes shown once,
/// every other session ended, a fresh pair for the caller. Only once the address is confirmed (ADR 0043), like setup.
/// </summary>
public sealed record EnableTwoFactorCommand(string Code) : IRequest<TwoFactorEnabled>, IRequireUser
{
    public override string ToString() => nameof(EnableTwoFactorCommand);
}

public sealed class EnableTwoFactorCommandHandler(
    ICurrentUser currentUser,
    ICallerIdentity caller,
    ITwoFactorStore store,
    SecondFactor secondFactor,
    AccountSessions sessions,
    SecurityEvents events,
    AccountActivity activity,
    TimeProvider timeProvider) : IRequestHandler<EnableTwoFactorCommand, TwoFactorEnabled>
{
    internal const string WrongCode = "The code is incorrect; check the app's clock and enter the current code.";

    public async Task<TwoFactorEnabled> Handle(EnableTwoFactorCommand request, CancellationToken cancellationToken)
    {
        var user = currentUser.User;
        if (!user.EmailConfirmed)
        {
            throw new EmailNotConfirmedException();
        }

        var state = await store.FindAsync(user.Id, cancellationToken);
        if (state is { IsEnabled: true })
        {
            throw new TwoFactorStateException(TwoFactorStateException.AlreadyEnabled);
        }

        if (state?.PendingSecret is not { } pending)
        {
            throw new TwoFactorStateException(TwoFactorStateException.NoSetup);
        }

        var secret = secondFactor.Open(pending, user.Id);
        if (secondFactor.MatchingStep(secret, request.Code) is not { } step)
        {
            if (secret is not null)
            {
                events.TwoFactorFailed(user.Id, TwoFactorPurpose.Enable); // Null: a configuration error, logged by the protector (event 2011).
            }

            throw ValidationException.ForField("code", WrongCode);
        }

        var (codes, hashes) = RecoveryCodes.New(user.Id);
        if (!await store.TryEnableAsync(user.Id, pending, step, hashes, timeProvider.GetUtcNow(), cancellationToken))
        {
            // A concurrent enable or a newer setup got there first.
            var now = await store.FindAsync(user.Id, cancellationToken);
            throw new TwoFactorStateException(now is { IsEnabled: true } ? TwoFactorStateException.AlreadyEnabled : TwoFactorStateException.NoSetup);
        }

        // A code from an app proves nothing about who holds the token: the new session keeps the old sign-in time.
        var pair = await sessions.RenewAsync(user, caller.AuthTime, cancellationToken);
        events.TwoFactorEnabled(user.Id);
        await activity.RecordAsync(user.Id, ActivityKind.TwoFactorEnabled, cancellationToken);
        return TwoFactorEnabled.From(codes, pair);
    }
}
