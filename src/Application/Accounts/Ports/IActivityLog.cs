using CleanAuth.Application.Accounts.Common;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Accounts.Ports;

/// <summary>
/// Each account's security activity (ADR 0054), kept in the store per user, newest first by (<c>At</c>, <c>Id</c>).
/// Entries are never changed; they leave by <see cref="SweepAsync"/> (retention), by the per-user cap on failures,
/// or with the account (<see cref="DeleteAllAsync"/>).
/// </summary>
public interface IActivityLog
{
    /// <summary>
    /// Stores <paramref name="entry"/>; when it is a failure, in the same atomic step that user's failures beyond the
    /// newest <paramref name="failureLimit"/> are deleted, so a flood of failed sign-ins cannot grow one history.
    /// </summary>
    Task RecordAsync(ActivityEntry entry, int failureLimit, CancellationToken cancellationToken);

    /// <summary>At most <paramref name="limit"/> of the user's entries, newest first, strictly older than <paramref name="before"/> if given.</summary>
    Task<IReadOnlyList<ActivityEntry>> ListAsync(UserId userId, ActivityPosition? before, int limit, CancellationToken cancellationToken);

    /// <summary>Deletes every entry of the user (an erased account); returns how many.</summary>
    Task<long> DeleteAllAsync(UserId userId, CancellationToken cancellationToken);

    /// <summary>Deletes at most <paramref name="batchSize"/> entries recorded before <paramref name="olderThan"/>; returns how many.</summary>
    Task<long> SweepAsync(DateTimeOffset olderThan, int batchSize, CancellationToken cancellationToken);
}

/// <summary>
/// One thing that happened to an account. <c>At</c> is whole milliseconds (both stores keep no more); the address
/// and user agent are the request's, null when someone else (an administrator) acted. Never a secret.
/// </summary>
public sealed record ActivityEntry(
    string Id, UserId UserId, DateTimeOffset At, ActivityKind Kind, ActivityOutcome Outcome, string? ClientIp, string? UserAgent, string? SessionId)
{
    public bool IsFailure => Outcome != ActivityOutcome.Succeeded;

    public ActivityPosition Position => new(At, Id);
}

/// <summary>Where a page ended: the sort key of its last entry.</summary>
public readonly record struct ActivityPosition(DateTimeOffset At, string Id);
