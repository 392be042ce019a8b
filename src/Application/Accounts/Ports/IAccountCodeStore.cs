using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Accounts.Ports;

/// <summary>What a one-time account code proves: a confirmation code never resets a password, nor the reverse.</summary>
public enum AccountCodePurpose
{
    EmailConfirmation,
    PasswordReset,
}

/// <summary>
/// One-time codes sent by email, at most one live code per (user, purpose) (ADR 0040). Only a hash of the code
/// is stored. Implementations throw <see cref="CleanAuth.Application.Common.Exceptions.StorageUnavailableException"/> when the store
/// cannot be reached.
/// </summary>
public interface IAccountCodeStore
{
    /// <summary>Stores the code of <paramref name="purpose"/> for the user, replacing (and so voiding) any earlier one.</summary>
    Task IssueAsync(UserId userId, AccountCodePurpose purpose, string codeHash, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>
    /// Spends the code if <paramref name="codeHash"/> is the live code's: one atomic conditional write that removes it
    /// only while it matches and has not expired, so of many concurrent presentations of one code exactly one is
    /// <see cref="CodeCheck.Consumed"/>. A miss changes nothing (ADR 0043): no count of wrong tries, so no stranger's
    /// guesses can kill the owner's code; a miss then reads whether a live code exists, the same statements whatever
    /// the state or whether the user exists, so a wrong code costs the same with or without a live one.
    /// </summary>
    Task<CodeCheck> TryConsumeAsync(UserId userId, AccountCodePurpose purpose, string codeHash, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>The outcome of <see cref="IAccountCodeStore.TryConsumeAsync"/>; for logs only, the client hears one answer for all but the first.</summary>
public enum CodeCheck
{
    /// <summary>The code was right and is now spent.</summary>
    Consumed,

    /// <summary>A live code exists and this was not it.</summary>
    Wrong,

    /// <summary>No live code: never issued, spent, or expired.</summary>
    NoLiveCode,
}
