using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Domain.Users;

namespace CleanAuth.Tests.Fakes;

/// <summary>An in-memory <see cref="IActivityLog"/>: every change under one lock, as SQLite's transaction decides it.</summary>
public sealed class InMemoryActivityLog : IActivityLog
{
    private readonly List<ActivityEntry> _entries = [];
    private readonly Lock _gate = new();

    /// <summary>Every entry kept, any user, newest first (for a unit test's look).</summary>
    public IReadOnlyList<ActivityEntry> All
    {
        get
        {
            lock (_gate)
            {
                return [.. NewestFirst(_entries)];
            }
        }
    }

    public Task RecordAsync(ActivityEntry entry, int failureLimit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _entries.Add(entry);
            if (entry.IsFailure)
            {
                var beyond = NewestFirst(_entries.Where(e => e.UserId == entry.UserId && e.IsFailure)).Skip(failureLimit).ToHashSet();
                _entries.RemoveAll(beyond.Contains);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ActivityEntry>> ListAsync(UserId userId, ActivityPosition? before, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ActivityEntry>>(NewestFirst(_entries.Where(e => e.UserId == userId && (before is not { } b || IsBefore(e, b))))
                .Take(limit).ToList());
        }
    }

    public Task<long> DeleteAllAsync(UserId userId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<long>(_entries.RemoveAll(e => e.UserId == userId));
        }
    }

    public Task<long> SweepAsync(DateTimeOffset olderThan, int batchSize, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var old = _entries.Where(e => e.At < olderThan).Take(batchSize).ToHashSet();
            return Task.FromResult<long>(_entries.RemoveAll(old.Contains));
        }
    }

    private static bool IsBefore(ActivityEntry entry, ActivityPosition position) =>
        entry.At < position.At || (entry.At == position.At && string.CompareOrdinal(entry.Id, position.Id) < 0);

    private static IEnumerable<ActivityEntry> NewestFirst(IEnumerable<ActivityEntry> entries) =>
        entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id, StringComparer.Ordinal);
}
