using CleanAuth.Application.Auth.Ports;
using CleanAuth.Domain.Users;
using static CleanAuth.Infrastructure.Persistence.Embedded.SqliteCommands;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

/// <summary>
/// One-time account codes on SQLite (ADR 0040): one row per (user, purpose). Issuing replaces the row; a
/// presentation is decided by one conditional DELETE, and a miss by one upsert that always writes the row and
/// reads back the count it left, so neither concurrent right answers nor concurrent wrong guesses get past the rules.
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

        // A miss writes the record whatever its state, so that a wrong code costs the same for an account with a live code as
        // for one without, or for nobody (ADR 0040): it is created dead if missing and its Attempts go up by one. Whether
        // this try counted against a live code is read from the row as the write left it (Attempts - 1 = the count before).
        var after = store.Run(connection => connection.Query(
            "INSERT INTO account_codes (UserId, Purpose, CodeHash, ExpiresAt, Attempts) VALUES (@user, @purpose, '', @now, 1) " +
            "ON CONFLICT (UserId, Purpose) DO UPDATE SET Attempts = Attempts + 1 RETURNING CodeHash, ExpiresAt, Attempts",
            static reader => (Hash: reader.GetString(0), ExpiresAt: reader.GetInt64(1), Attempts: reader.GetInt64(2)), parameters).Single());
        var counted = after.ExpiresAt > Ticks(now) && after.Attempts - 1 < maxAttempts && after.Hash != codeHash;
        return Task.FromResult(counted ? CodeCheck.Wrong : CodeCheck.NoLiveCode);
    }
}
