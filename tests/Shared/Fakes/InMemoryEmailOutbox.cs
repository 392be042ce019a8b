using CleanAuth.Application.Common.Email;
using CleanAuth.Infrastructure.Email;

namespace CleanAuth.Tests.Fakes;

/// <summary>
/// An <see cref="IEmailOutbox"/> that keeps what was enqueued, so a test can read the mail a use case left; also
/// the delivery side (<see cref="IOutboxQueue"/>), held to the same contract as the stores' outboxes.
/// </summary>
public sealed class InMemoryEmailOutbox(TimeProvider? clock = null) : IEmailOutbox, IOutboxQueue
{
    private readonly List<EmailMessage> _messages = [];
    private readonly Dictionary<string, Row> _rows = [];
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private long _nextId;

    /// <summary>Thrown by the next enqueue when set (e.g. a <c>StorageUnavailableException</c>).</summary>
    public Exception? NextFailure { get; set; }

    /// <summary>Everything ever enqueued, delivered or not.</summary>
    public IReadOnlyList<EmailMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    public Task EnqueueAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (NextFailure is { } failure)
            {
                NextFailure = null;
                throw failure;
            }

            _messages.Add(message);
            var now = _clock.GetUtcNow();
            var id = (++_nextId).ToString("x24", System.Globalization.CultureInfo.InvariantCulture);
            _rows[id] = new Row(id, message, now, now);
        }

        return Task.CompletedTask;
    }

    /// <summary>An erasure's notice (ADR 0055): enqueued under <paramref name="id"/> unless that entry exists.</summary>
    public void EnqueueOnce(string id, EmailMessage message)
    {
        lock (_gate)
        {
            if (!_rows.ContainsKey(id))
            {
                _messages.Add(message);
                var now = _clock.GetUtcNow();
                _rows[id] = new Row(id, message, now, now);
            }
        }
    }

    /// <summary>Removes the entries still waiting for <paramref name="address"/>, but the one under <paramref name="exceptId"/>.</summary>
    public void RemoveWaitingFor(string address, string exceptId)
    {
        lock (_gate)
        {
            foreach (var row in _rows.Values.Where(r => r.Message.ToAddress == address && r.Id != exceptId).ToList())
            {
                _rows.Remove(row.Id);
            }
        }
    }

    public Task<IReadOnlyList<OutboxEntry>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var claimed = _rows.Values.Where(r => r.GaveUpAt is null && r.NextAttemptAt <= now).OrderBy(r => r.NextAttemptAt).Take(max).ToList();
            foreach (var row in claimed)
            {
                row.ClaimToken = Guid.NewGuid().ToString("N");
                row.NextAttemptAt = now + lease;
                row.Attempts++;
            }

            return Task.FromResult<IReadOnlyList<OutboxEntry>>(
                [.. claimed.OrderBy(r => r.EnqueuedAt).Select(r => new OutboxEntry(r.Id, r.Message, r.Attempts, r.ClaimToken!, r.EnqueuedAt))]);
        }
    }

    public Task<bool> ExtendClaimAsync(OutboxEntry entry, DateTimeOffset leaseEnd, CancellationToken cancellationToken) =>
        Settle(entry, row => row.NextAttemptAt = leaseEnd);

    public Task<int> ReleaseAsync(IReadOnlyCollection<OutboxEntry> entries, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var released = 0;
            foreach (var entry in entries)
            {
                if (_rows.TryGetValue(entry.Id, out var row) && row.ClaimToken == entry.ClaimToken && row.GaveUpAt is null)
                {
                    row.NextAttemptAt = now;
                    row.ClaimToken = null;
                    row.Attempts = Math.Max(row.Attempts - 1, 0);
                    released++;
                }
            }

            return Task.FromResult(released);
        }
    }

    public Task<long> DeleteGivenUpAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var old = _rows.Values.Where(r => r.GaveUpAt < before).Select(r => r.Id).ToList();
            old.ForEach(id => _rows.Remove(id));
            return Task.FromResult((long)old.Count);
        }
    }

    public Task<bool> MarkSentAsync(OutboxEntry entry, CancellationToken cancellationToken) => Settle(entry, row => _rows.Remove(row.Id));

    public Task<bool> RetryLaterAsync(OutboxEntry entry, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken) =>
        Settle(entry, row =>
        {
            row.NextAttemptAt = nextAttemptAt;
            row.ClaimToken = null;
            row.LastError = error;
        });

    public Task<bool> GiveUpAsync(OutboxEntry entry, DateTimeOffset now, string error, CancellationToken cancellationToken) =>
        Settle(entry, row =>
        {
            row.GaveUpAt = now;
            row.ClaimToken = null;
            row.LastError = error;
            row.Message = row.Message with { TextBody = "", HtmlBody = "" };
        });

    public Task<long> CountQueuedAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult((long)_rows.Values.Count(r => r.GaveUpAt is null));
        }
    }

    /// <summary>The errors stored with the entries still kept (what an operator would read).</summary>
    public IReadOnlyList<string> LastErrors
    {
        get
        {
            lock (_gate)
            {
                return [.. _rows.Values.Select(r => r.LastError).OfType<string>()];
            }
        }
    }

    /// <summary>The bodies an entry still holds, or null when it is gone (what the contract checks of every store).</summary>
    public (string Text, string Html)? StoredBodies(string id)
    {
        lock (_gate)
        {
            return _rows.TryGetValue(id, out var row) ? (row.Message.TextBody, row.Message.HtmlBody) : null;
        }
    }

    private Task<bool> Settle(OutboxEntry entry, Action<Row> change)
    {
        lock (_gate)
        {
            if (!_rows.TryGetValue(entry.Id, out var row) || row.ClaimToken != entry.ClaimToken || row.GaveUpAt is not null)
            {
                return Task.FromResult(false);
            }

            change(row);
            return Task.FromResult(true);
        }
    }

    private sealed class Row(string id, EmailMessage message, DateTimeOffset enqueuedAt, DateTimeOffset nextAttemptAt)
    {
        public string Id { get; } = id;

        public EmailMessage Message { get; set; } = message;

        public DateTimeOffset EnqueuedAt { get; } = enqueuedAt;

        public DateTimeOffset NextAttemptAt { get; set; } = nextAttemptAt;

        public int Attempts { get; set; }

        public string? ClaimToken { get; set; }

        public DateTimeOffset? GaveUpAt { get; set; }

        public string? LastError { get; set; }
    }
}
