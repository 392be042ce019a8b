using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Email;
using CleanAuth.Infrastructure.Email;
using Microsoft.Data.Sqlite;
using static CleanAuth.Infrastructure.Persistence.Embedded.SqliteCommands;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

/// <summary>The email outbox on SQLite (ADR 0039): one row per message in <c>email_outbox</c>.</summary>
public sealed class SqliteEmailOutbox(SqliteStore store, IIdGenerator ids, TimeProvider timeProvider) : IEmailOutbox, IOutboxQueue
{
    private const string Envelope = "Id, Kind, ToAddress, ToName, Subject, TextBody, HtmlBody, EnqueuedAt, Attempts, ClaimToken";

    public Task EnqueueAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var now = Ticks(timeProvider.GetUtcNow());
        store.Run(connection => connection.Execute(
            "INSERT INTO email_outbox (Id, Kind, ToAddress, ToName, Subject, TextBody, HtmlBody, EnqueuedAt, NextAttemptAt, Attempts) " +
            "VALUES (@id, @kind, @to, @name, @subject, @text, @html, @now, @now, 0)",
            ("@id", ids.NewId()), ("@kind", message.Kind), ("@to", message.ToAddress), ("@name", message.ToName),
            ("@subject", message.Subject), ("@text", message.TextBody), ("@html", message.HtmlBody), ("@now", now)));
        return Task.CompletedTask;
    }

    // One statement takes the write lock for the whole batch: no other claimer can see these rows as due in between.
    public Task<IReadOnlyList<OutboxEntry>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var token = Guid.NewGuid().ToString("N");
        var claimed = store.Run(connection => connection.Query(
            "UPDATE email_outbox SET ClaimToken = @token, NextAttemptAt = @leaseEnd, Attempts = Attempts + 1 " +
            "WHERE Id IN (SELECT Id FROM email_outbox WHERE GaveUpAt IS NULL AND NextAttemptAt <= @now ORDER BY NextAttemptAt LIMIT @max) " +
            $"RETURNING {Envelope}",
            ToEntry, ("@token", token), ("@leaseEnd", Ticks(now + lease)), ("@now", Ticks(now)), ("@max", max)));
        return Task.FromResult<IReadOnlyList<OutboxEntry>>([.. claimed.OrderBy(e => e.EnqueuedAt)]);
    }

    public Task<bool> ExtendClaimAsync(OutboxEntry entry, DateTimeOffset leaseEnd, CancellationToken cancellationToken) =>
        Task.FromResult(store.Run(connection => connection.Execute(
            "UPDATE email_outbox SET NextAttemptAt = @leaseEnd WHERE Id = @id AND ClaimToken = @token AND GaveUpAt IS NULL",
            ("@id", entry.Id), ("@token", entry.ClaimToken), ("@leaseEnd", Ticks(leaseEnd))) == 1));

    public Task<int> ReleaseAsync(IReadOnlyCollection<OutboxEntry> entries, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = entries.Select((e, i) => ($"@id{i}", (object?)e.Id)).ToList();
        var tokens = entries.Select(e => e.ClaimToken).Distinct().Select((t, i) => ($"@token{i}", (object?)t)).ToList();
        if (ids.Count == 0)
        {
            return Task.FromResult(0);
        }

        return Task.FromResult(store.Run(connection => connection.Execute(
            "UPDATE email_outbox SET NextAttemptAt = @now, ClaimToken = NULL, Attempts = max(Attempts - 1, 0) " +
            $"WHERE Id IN ({string.Join(", ", ids.Select(p => p.Item1))}) AND ClaimToken IN ({string.Join(", ", tokens.Select(p => p.Item1))}) AND GaveUpAt IS NULL",
            [("@now", Ticks(now)), .. ids, .. tokens])));
    }

    public Task<long> DeleteGivenUpAsync(DateTimeOffset before, CancellationToken cancellationToken) => Task.FromResult((long)store.Run(connection =>
        connection.Execute("DELETE FROM email_outbox WHERE GaveUpAt IS NOT NULL AND GaveUpAt < @before", ("@before", Ticks(before)))));

    public Task<bool> MarkSentAsync(OutboxEntry entry, CancellationToken cancellationToken) => Task.FromResult(store.Run(connection =>
        connection.Execute("DELETE FROM email_outbox WHERE Id = @id AND ClaimToken = @token", ("@id", entry.Id), ("@token", entry.ClaimToken)) == 1));

    public Task<bool> RetryLaterAsync(OutboxEntry entry, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken) =>
        Task.FromResult(store.Run(connection => connection.Execute(
            "UPDATE email_outbox SET NextAttemptAt = @next, ClaimToken = NULL, LastError = @error WHERE Id = @id AND ClaimToken = @token",
            ("@id", entry.Id), ("@token", entry.ClaimToken), ("@next", Ticks(nextAttemptAt)), ("@error", error)) == 1));

    public Task<bool> GiveUpAsync(OutboxEntry entry, DateTimeOffset now, string error, CancellationToken cancellationToken) =>
        Task.FromResult(store.Run(connection => connection.Execute(
            "UPDATE email_outbox SET GaveUpAt = @now, ClaimToken = NULL, LastError = @error, TextBody = '', HtmlBody = '' " +
            "WHERE Id = @id AND ClaimToken = @token",
            ("@id", entry.Id), ("@token", entry.ClaimToken), ("@now", Ticks(now)), ("@error", error)) == 1));

    public Task<long> CountQueuedAsync(CancellationToken cancellationToken) => Task.FromResult(store.Run(connection =>
        connection.Scalar<long>("SELECT count(*) FROM email_outbox WHERE GaveUpAt IS NULL")));

    private static OutboxEntry ToEntry(SqliteDataReader row) => new(
        row.Text("Id"),
        new EmailMessage(row.Text("Kind"), row.Text("ToAddress"), row.Text("ToName"), row.Text("Subject"), row.Text("TextBody"), row.Text("HtmlBody")),
        (int)row.Integer("Attempts"),
        row.Text("ClaimToken"),
        row.Instant("EnqueuedAt"));
}
