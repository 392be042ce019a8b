using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Domain.Users;
using Microsoft.Data.Sqlite;
using static CleanAuth.Infrastructure.Persistence.Embedded.SqliteCommands;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

/// <summary>
/// Account activity on SQLite (ADR 0054): a row per entry in <c>activity</c>. A failure is inserted and the user's
/// failures beyond the newest <c>failureLimit</c> deleted in one <c>BEGIN IMMEDIATE</c> transaction, so no caller
/// ever sees more than the limit, however many record at once.
/// </summary>
public sealed class SqliteActivityLog(SqliteStore store) : IActivityLog
{
    private const string Columns = "Id, UserId, At, Kind, Outcome, ClientIp, UserAgent, SessionId";

    public Task RecordAsync(ActivityEntry entry, int failureLimit, CancellationToken cancellationToken)
    {
        store.InTransaction((connection, _) =>
        {
            connection.Execute(
                $"INSERT INTO activity ({Columns}, Failed) VALUES (@id, @user, @at, @kind, @outcome, @ip, @agent, @session, @failed)",
                ("@id", entry.Id), ("@user", entry.UserId.Value), ("@at", Ticks(entry.At)), ("@kind", entry.Kind.ToString()),
                ("@outcome", entry.Outcome.ToString()), ("@ip", entry.ClientIp), ("@agent", entry.UserAgent), ("@session", entry.SessionId),
                ("@failed", entry.IsFailure ? 1 : 0));
            return entry.IsFailure
                ? connection.Execute(
                    "DELETE FROM activity WHERE Id IN (SELECT Id FROM activity WHERE UserId = @user AND Failed = 1 " +
                    "ORDER BY At DESC, Id DESC LIMIT -1 OFFSET @limit)",
                    ("@user", entry.UserId.Value), ("@limit", failureLimit))
                : 0;
        });
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ActivityEntry>> ListAsync(UserId userId, ActivityPosition? before, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ActivityEntry>>(store.Run(connection => connection.Query(
            $"SELECT {Columns} FROM activity WHERE UserId = @user " +
            "AND (@at IS NULL OR At < @at OR (At = @at AND Id < @id)) ORDER BY At DESC, Id DESC LIMIT @limit",
            Read, ("@user", userId.Value), ("@at", before is { } b ? Ticks(b.At) : null), ("@id", before?.Id), ("@limit", limit))));

    public Task<long> DeleteAllAsync(UserId userId, CancellationToken cancellationToken) =>
        Task.FromResult<long>(store.Run(connection => connection.Execute("DELETE FROM activity WHERE UserId = @user", ("@user", userId.Value))));

    // Bounded: one statement deletes at most a batch, so the write lock is held for milliseconds.
    public Task<long> SweepAsync(DateTimeOffset olderThan, int batchSize, CancellationToken cancellationToken) =>
        Task.FromResult<long>(store.Run(connection => connection.Execute(
            "DELETE FROM activity WHERE Id IN (SELECT Id FROM activity WHERE At < @before LIMIT @batch)",
            ("@before", Ticks(olderThan)), ("@batch", batchSize))));

    private static ActivityEntry Read(SqliteDataReader row) => new(
        row.Text("Id"), UserId.From(row.Text("UserId")), row.Instant("At"), Enum.Parse<ActivityKind>(row.Text("Kind")),
        Enum.Parse<ActivityOutcome>(row.Text("Outcome")), row.OptionalText("ClientIp"), row.OptionalText("UserAgent"), row.OptionalText("SessionId"));
}
