using System.Security.Cryptography;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Email;
using CleanAuth.Domain.Users;
using static CleanAuth.Infrastructure.Persistence.Embedded.SqliteCommands;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

/// <summary>Erasing an account on the embedded store (ADR 0055); the steps are <see cref="IAccountErasure"/>'s.</summary>
public sealed class SqliteAccountErasure(SqliteStore store, TimeProvider timeProvider) : IAccountErasure
{
    /// <summary>Books (with their cover and thumbnail rows) deleted per transaction: the write lock is held briefly.</summary>
    public const int BookBatch = 100;

    /// <summary>
    /// Every table that holds rows of an account, one line each: the table and its column naming the account. The
    /// library goes first, book by book with its files (covers have no owner column); the account's row last. A new
    /// table holding an account's rows is a line here, or the erasure test, which lists the schema's tables, fails.
    /// </summary>
    internal static readonly (string Table, string OwnerColumn)[] OwnedTables =
    [
        ("authors", "OwnerId"),
        ("library_sizes", "OwnerId"),
        ("refresh_tokens", "UserId"),
        ("refresh_families", "UserId"),
        ("account_codes", "UserId"),
        ("two_factor_recovery_codes", "UserId"),
        ("two_factor", "UserId"),
        ("activity", "UserId"),
        ("passkeys", "UserId"),
        ("passkey_ceremonies", "UserId"),
    ];

    private const string ActiveAdmin = $"Disabled = 0 AND {SqliteUserRepository.IsAdmin}";

    // One statement: SQLite has one writer at a time, so two racing marks of the last two administrators cannot both
    // see the other one as remaining (the rule of ADR 0031).
    public Task<ErasureMark> TryMarkAsync(UserId userId, DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(store.Run(connection =>
    {
        var marked = connection.Execute(
            "UPDATE users SET Disabled = 1, ErasingAt = @now, SecurityStamp = @stamp, Version = Version + 1, UpdatedAt = @now " +
            $"WHERE Id = @id AND ErasingAt IS NULL AND (NOT ({ActiveAdmin}) " +
            $"OR EXISTS (SELECT 1 FROM users AS other WHERE other.Id <> @id AND other.ErasingAt IS NULL AND other.Disabled = 0 " +
            "AND EXISTS (SELECT 1 FROM json_each(other.Roles) WHERE value = 'admin')))",
            ("@id", userId.Value), ("@now", Ticks(now)), ("@stamp", Convert.ToHexString(RandomNumberGenerator.GetBytes(16))));
        if (marked == 1)
        {
            return ErasureMark.Marked;
        }

        var present = connection.Scalar<long>("SELECT count(*) FROM users WHERE Id = @id AND ErasingAt IS NULL", ("@id", userId.Value));
        return present == 1 ? ErasureMark.LastActiveAdministrator : ErasureMark.NotFound;
    }));

    public Task<IReadOnlyList<User>> FindMarkedAsync(int max, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<User>>(store.Run(connection =>
        connection.Query($"SELECT {SqliteUserRepository.Columns} FROM users WHERE ErasingAt IS NOT NULL ORDER BY ErasingAt LIMIT @max",
            SqliteUserRepository.ToUser, ("@max", max))));

    public Task DeleteOwnedDataAsync(User user, CancellationToken cancellationToken)
    {
        var owner = ("@owner", (object?)user.Id.Value);
        while (store.InTransaction((connection, _) =>
        {
            // A batch of books and the files they name, in one transaction: no book is left without its files.
            const string Batch = "SELECT Id FROM books WHERE OwnerId = @owner LIMIT @batch";
            connection.Execute(
                $"DELETE FROM covers WHERE Id IN (SELECT CoverFileId FROM books WHERE Id IN ({Batch}) UNION ALL SELECT ThumbnailFileId FROM books WHERE Id IN ({Batch}))",
                owner, ("@batch", BookBatch));
            return connection.Execute($"DELETE FROM books WHERE Id IN ({Batch})", owner, ("@batch", BookBatch));
        }) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        store.InTransaction((connection, _) =>
        {
            foreach (var (table, column) in OwnedTables)
            {
                connection.Execute($"DELETE FROM {table} WHERE {column} = @owner", owner);
            }

            // Mail still waiting for the address (a code, say) goes too; the erasure's own notice, under the account's id, stays.
            return connection.Execute("DELETE FROM email_outbox WHERE ToAddress = @address AND Id <> @owner", owner, ("@address", user.Email));
        });
        return Task.CompletedTask;
    }

    // The notice and the account's deletion in one transaction: exactly one notice per erased account.
    public Task DeleteAccountAsync(UserId userId, EmailMessage notice, CancellationToken cancellationToken)
    {
        var now = Ticks(timeProvider.GetUtcNow());
        store.InTransaction((connection, _) =>
        {
            connection.Execute(
                "INSERT OR IGNORE INTO email_outbox (Id, Kind, ToAddress, ToName, Subject, TextBody, HtmlBody, EnqueuedAt, NextAttemptAt, Attempts) " +
                "SELECT @id, @kind, @to, @name, @subject, @text, @html, @now, @now, 0 WHERE EXISTS (SELECT 1 FROM users WHERE Id = @id AND ErasingAt IS NOT NULL)",
                ("@id", userId.Value), ("@kind", notice.Kind), ("@to", notice.ToAddress), ("@name", notice.ToName),
                ("@subject", notice.Subject), ("@text", notice.TextBody), ("@html", notice.HtmlBody), ("@now", now));
            return connection.Execute("DELETE FROM users WHERE Id = @id AND ErasingAt IS NOT NULL", ("@id", userId.Value));
        });
        return Task.CompletedTask;
    }
}
