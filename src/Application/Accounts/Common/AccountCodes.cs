using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Email;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Domain.Users;
using Microsoft.Extensions.Options;

namespace CleanAuth.Application.Accounts.Common;

/// <summary>
/// Issues, mails and checks the one-time codes of email confirmation and password reset (ADR 0040). The paths
/// that find no account (or one that must not get a code) still make one store round trip against a user id no
/// account has, so they take about as long as the paths that do: the answer and its timing say nothing about
/// whether an address has an account.
/// </summary>
public sealed class AccountCodes(
    IAccountCodeStore store,
    IEmailOutbox outbox,
    AccountEmails emails,
    IOptions<AccountOptions> options,
    TimeProvider timeProvider)
{
    /// <summary>The one answer to every code that does not work, whatever the reason and whether or not the address has an account.</summary>
    public const string InvalidCode = "The code is wrong, expired or already used. Ask for a new one.";

    /// <summary>ObjectId zero, which the id generator never hands out: the stand-in user of the paths that found no account.</summary>
    internal static readonly UserId Nobody = UserId.From("000000000000000000000000");

    /// <summary>Replaces the user's code of this purpose with a new one and leaves the email carrying it in the outbox.</summary>
    public async Task IssueAndSendAsync(User user, AccountCodePurpose purpose, CancellationToken cancellationToken)
    {
        var code = AccountCodeFormat.NewCode();
        var lifetime = Lifetime(purpose);
        await store.IssueAsync(user.Id, purpose, AccountCodeFormat.Hash(user.Id, purpose, code), timeProvider.GetUtcNow() + lifetime, cancellationToken);
        await outbox.EnqueueAsync(emails.Render(user, purpose, code, lifetime), cancellationToken);
    }

    /// <summary>
    /// The work of <see cref="IssueAndSendAsync"/> for no account: two writes of a code nobody holds, already expired, as
    /// the real path writes the code and the outbox entry (on the embedded store each write is a wait for the disk).
    /// </summary>
    public async Task IssueToNobodyAsync(AccountCodePurpose purpose, CancellationToken cancellationToken)
    {
        for (var write = 0; write < 2; write++)
        {
            await store.IssueAsync(Nobody, purpose, AccountCodeFormat.Hash(Nobody, purpose, AccountCodeFormat.NewCode()), timeProvider.GetUtcNow(), cancellationToken);
        }
    }

    /// <summary>
    /// Spends <paramref name="code"/> if it is the live code of this purpose of <paramref name="user"/> (the account
    /// the address named, if any): null when it was, else why not, for the event. No account, or a disabled one, is
    /// checked against nobody, so it costs the same and fails, and a disabled account's code stays unspent.
    /// </summary>
    public async Task<AccountCodeFailure?> RedeemAsync(User? user, AccountCodePurpose purpose, string code, CancellationToken cancellationToken)
    {
        var userId = user is { IsDisabled: false } ? user.Id : Nobody;
        var check = await store.TryConsumeAsync(userId, purpose, AccountCodeFormat.Hash(userId, purpose, code), timeProvider.GetUtcNow(), cancellationToken);
        return (user, check) switch
        {
            (null, _) => AccountCodeFailure.UnknownEmail,
            ({ IsDisabled: true }, _) => AccountCodeFailure.Disabled,
            (_, CodeCheck.Wrong) => AccountCodeFailure.WrongCode,
            (_, CodeCheck.NoLiveCode) => AccountCodeFailure.NoLiveCode,
            _ => null,
        };
    }

    public static ValidationException Invalid() => ValidationException.ForField("code", InvalidCode);

    private TimeSpan Lifetime(AccountCodePurpose purpose) =>
        purpose == AccountCodePurpose.EmailConfirmation ? options.Value.ConfirmationCodeLifetime : options.Value.ResetCodeLifetime;
}
