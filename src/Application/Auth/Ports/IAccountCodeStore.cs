using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Auth.Ports;

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
    /// <summary>Stores the code of <paramref name="purpose"/> for the user, replacing (and so voiding) any earlier one, with no tries counted.</summary>
    Task IssueAsync(UserId userId, AccountCodePurpose purpose, string codeHash, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>
    /// Spends the code if <paramref name="codeHash"/> is the live code's: one atomic conditional write that
    /// removes it only while it matches, has not expired and has had fewer than <paramref name="maxAttempts"/>
    /// wrong tries, so of many concurrent presentations of one code exactly one is <see cref="CodeCheck.Consumed"/>.
    /// A miss is one write whatever the state — the record of (user, purpose) is created dead if missing — so that it
    /// costs the same with or without a live code (ADR 0040); it counts as a wrong try only against a live code, and
    /// the atomic write decides which tries count, so never more than <paramref name="maxAttempts"/>.
    /// </summary>
    Task<CodeCheck> TryConsumeAsync(
        UserId userId, AccountCodePurpose purpose, string codeHash, DateTimeOffset now, int maxAttempts, CancellationToken cancellationToken);
}

/// <summary>The outcome of <see cref="IAccountCodeStore.TryConsumeAsync"/>; for logs only, the client hears one answer for all but the first.</summary>
public enum CodeCheck
{
    /// <summary>The code was right and is now spent.</summary>
    Consumed,

    /// <summary>A live code exists and this was not it: one wrong try was counted.</summary>
    Wrong,

    /// <summary>No live code: never issued, spent, replaced and gone, expired, or dead after too many wrong tries.</summary>
    NoLiveCode,
}
