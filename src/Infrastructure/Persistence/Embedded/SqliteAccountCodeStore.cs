using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Domain.Users;
using static CleanAuth.Infrastructure.Persistence.Embedded.SqliteCommands;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

/// <summary>
/// One-time account codes on SQLite (ADR 0040, ADR 0043): one row per (user, purpose). Issuing replaces the row; a
/// presentation is decided by one conditional DELETE, so of concurrent right answers exactly one wins, and a miss
/// writes nothing. The Attempts column of schema step 4 is no longer read (ADR 0043); new rows hold 0.
/// </summary>
public sealed class SqliteAccountCodeStore(SqliteStore store) : IAccountCodeStore
{
    public Task IssueAsync(UserId userId, AccountCodePurpose purpose, string codeHash, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        store.Run(connection => connection.Execute(
            "INSERT INTO account_codes (UserId, Purpose, CodeHash, ExpiresAt, Attempts) VALUES (@user, @purpose, @hash, @expires, 0) " +
            "ON CONFLICT (UserId, Purpose) DO UPDATE SET CodeHash = excluded.CodeHash, ExpiresAt = excluded.ExpiresAt, Attempts = 0",
            ("@user", userId.Value), ("@purpose", purpose.ToString()), ("@hash", codeHash), ("@expires", Ticks(expiresAt))));
        return Task.CompletedTask;
    }

    public Task<CodeCheck> TryConsumeAsync(UserId userId, AccountCodePurpose purpose, string codeHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        (string, object?)[] parameters = [("@user", userId.Value), ("@purpose", purpose.ToString()), ("@hash", codeHash), ("@now", Ticks(now))];
        const string Live = "UserId = @user AND Purpose = @purpose AND ExpiresAt > @now";
        if (store.Run(connection => connection.Execute($"DELETE FROM account_codes WHERE {Live} AND CodeHash = @hash", parameters)) == 1)
        {
            return Task.FromResult(CodeCheck.Consumed);
        }

        // Every miss makes this same read, with or without a live code or an account, so its cost says nothing (ADR 0043).
        var live = store.Run(connection => connection.Query($"SELECT COUNT(*) FROM account_codes WHERE {Live}", static reader => reader.GetInt64(0), parameters).Single());
        return Task.FromResult(live > 0 ? CodeCheck.Wrong : CodeCheck.NoLiveCode);
    }
}
