using System.Text.Json;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Domain.Users;
using Microsoft.Data.Sqlite;
using static CleanAuth.Infrastructure.Persistence.Embedded.SqliteCommands;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

/// <summary>
/// The second factor on SQLite (ADR 0041): a row of <c>two_factor</c> per user and a row per recovery-code hash.
/// Accepting a time step and spending a code are each one conditional statement; the writes that touch both tables
/// run in one <c>BEGIN IMMEDIATE</c> transaction.
/// </summary>
public sealed class SqliteTwoFactorStore(SqliteStore store) : ITwoFactorStore
{
    private const string Enabled = "EnabledAt IS NOT NULL";

    public Task<TwoFactorState?> FindAsync(UserId userId, CancellationToken cancellationToken) => Task.FromResult(store.Run(connection =>
    {
        var codes = connection.Query("SELECT CodeHash FROM two_factor_recovery_codes WHERE UserId = @id ORDER BY CodeHash", r => r.Text("CodeHash"), ("@id", userId.Value));
        return connection.QuerySingle(
            "SELECT UserId, Secret, PendingSecret, EnabledAt, LastStep FROM two_factor WHERE UserId = @id",
            row => new TwoFactorState(
                userId, row.OptionalText("Secret"), row.OptionalText("PendingSecret"), row.OptionalInstant("EnabledAt"),
                row.IsDBNull(row.GetOrdinal("LastStep")) ? null : row.Integer("LastStep"), codes),
            ("@id", userId.Value));
    }));

    public Task<IReadOnlySet<UserId>> EnabledAmongAsync(IReadOnlyCollection<UserId> userIds, CancellationToken cancellationToken)
    {
        if (userIds.Count == 0)
        {
            return Task.FromResult<IReadOnlySet<UserId>>(new HashSet<UserId>());
        }

        // One statement text whatever the page size: the ids travel as one JSON array.
        var ids = JsonSerializer.Serialize(userIds.Select(u => u.Value));
        return Task.FromResult<IReadOnlySet<UserId>>(store.Run(connection => connection.Query(
            $"SELECT UserId FROM two_factor WHERE {Enabled} AND UserId IN (SELECT value FROM json_each(@ids))",
            r => UserId.From(r.Text("UserId")), ("@ids", ids))).ToHashSet());
    }

    public Task<bool> TryBeginSetupAsync(UserId userId, string pendingSecret, CancellationToken cancellationToken) => Task.FromResult(store.Run(connection =>
        connection.Execute(
            "INSERT INTO two_factor (UserId, PendingSecret) VALUES (@id, @pending) " +
            $"ON CONFLICT (UserId) DO UPDATE SET PendingSecret = excluded.PendingSecret WHERE NOT two_factor.{Enabled}",
            ("@id", userId.Value), ("@pending", pendingSecret)) == 1));

    public Task<bool> TryEnableAsync(
        UserId userId, string pendingSecret, long step, IReadOnlyCollection<string> recoveryCodeHashes, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(store.InTransaction((connection, _) =>
        {
            var enabled = connection.Execute(
                "UPDATE two_factor SET Secret = PendingSecret, PendingSecret = NULL, EnabledAt = @now, LastStep = @step " +
                $"WHERE UserId = @id AND PendingSecret = @pending AND NOT {Enabled}",
                ("@id", userId.Value), ("@pending", pendingSecret), ("@now", Ticks(StoreRules.ToMilliseconds(now))), ("@step", step)) == 1;
            if (enabled)
            {
                ReplaceCodes(connection, userId, recoveryCodeHashes);
            }

            return enabled;
        }));

    public Task<bool> TryAcceptStepAsync(UserId userId, long step, CancellationToken cancellationToken) => Task.FromResult(store.Run(connection =>
        connection.Execute(
            $"UPDATE two_factor SET LastStep = @step WHERE UserId = @id AND {Enabled} AND (LastStep IS NULL OR LastStep < @step)",
            ("@id", userId.Value), ("@step", step)) == 1));

    public Task<bool> TrySpendRecoveryCodeAsync(UserId userId, string codeHash, CancellationToken cancellationToken) => Task.FromResult(store.Run(connection =>
        connection.Execute(
            "DELETE FROM two_factor_recovery_codes WHERE UserId = @id AND CodeHash = @hash " +
            $"AND EXISTS (SELECT 1 FROM two_factor WHERE UserId = @id AND {Enabled})",
            ("@id", userId.Value), ("@hash", codeHash)) == 1));

    public Task<bool> TryReplaceRecoveryCodesAsync(UserId userId, IReadOnlyCollection<string> codeHashes, CancellationToken cancellationToken) =>
        Task.FromResult(store.InTransaction((connection, _) =>
        {
            // Under the transaction's write lock the check and the replacement cannot be separated by another write.
            var enabled = connection.Scalar<long>($"SELECT count(*) FROM two_factor WHERE UserId = @id AND {Enabled}", ("@id", userId.Value)) == 1;
            if (enabled)
            {
                ReplaceCodes(connection, userId, codeHashes);
            }

            return enabled;
        }));

    public Task<bool> RemoveAsync(UserId userId, CancellationToken cancellationToken) => Task.FromResult(store.InTransaction((connection, _) =>
    {
        connection.Execute("DELETE FROM two_factor_recovery_codes WHERE UserId = @id", ("@id", userId.Value));
        var wasEnabled = connection.Execute($"DELETE FROM two_factor WHERE UserId = @id AND {Enabled}", ("@id", userId.Value)) == 1;
        connection.Execute("DELETE FROM two_factor WHERE UserId = @id", ("@id", userId.Value));
        return wasEnabled;
    }));

    // One scan at start, stopped at the first stray; the prefixes travel as one JSON array.
    public Task<string?> FindSecretWithoutPrefixAsync(IReadOnlyCollection<string> prefixes, CancellationToken cancellationToken) =>
        Task.FromResult(store.Run(connection => connection.QuerySingle(
            "SELECT s FROM (SELECT Secret AS s FROM two_factor UNION ALL SELECT PendingSecret FROM two_factor) WHERE s IS NOT NULL " +
            "AND NOT EXISTS (SELECT 1 FROM json_each(@prefixes) WHERE substr(s, 1, length(value)) = value) LIMIT 1",
            row => row.Text("s"), ("@prefixes", JsonSerializer.Serialize(prefixes)))));

    private static void ReplaceCodes(SqliteConnection connection, UserId userId, IReadOnlyCollection<string> codeHashes)
    {
        connection.Execute("DELETE FROM two_factor_recovery_codes WHERE UserId = @id", ("@id", userId.Value));
        foreach (var hash in codeHashes)
        {
            connection.Execute("INSERT INTO two_factor_recovery_codes (UserId, CodeHash) VALUES (@id, @hash)", ("@id", userId.Value), ("@hash", hash));
        }
    }
}
