using CleanAuth.Application.Auth.Ports;
using CleanAuth.Domain.Users;
using static CleanAuth.Infrastructure.Persistence.Embedded.SqliteCommands;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

/// <summary>
/// One-time account codes on SQLite (ADR 0040): one row per (user, purpose). Issuing replaces the row; a
/// presentation is decided by one conditional DELETE, and a miss is counted by one conditional UPDATE that stops
/// at the maximum, so neither concurrent right answers nor concurrent wrong guesses can get past the rules.
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

    public Task<CodeCheck> TryConsumeAsync(
        UserId userId, AccountCodePurpose purpose, string codeHash, DateTimeOffset now, int maxAttempts, CancellationToken cancellationToken)
    {
        (string, object?)[] parameters =
            [("@user", userId.Value), ("@purpose", purpose.ToString()), ("@hash", codeHash), ("@now", Ticks(now)), ("@max", maxAttempts)];
        const string Live = "UserId = @user AND Purpose = @purpose AND ExpiresAt > @now AND Attempts < @max";
        if (store.Run(connection => connection.Execute($"DELETE FROM account_codes WHERE {Live} AND CodeHash = @hash", parameters)) == 1)
        {
            return Task.FromResult(CodeCheck.Consumed);
        }

        // Not this hash: a right code issued between the two statements is not charged for the miss.
        var counted = store.Run(connection => connection.Execute($"UPDATE account_codes SET Attempts = Attempts + 1 WHERE {Live} AND CodeHash <> @hash", parameters));
        return Task.FromResult(counted == 1 ? CodeCheck.Wrong : CodeCheck.NoLiveCode);
    }
}
