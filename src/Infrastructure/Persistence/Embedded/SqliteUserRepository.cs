using System.Text.Json;
using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Models;
using CleanAuth.Domain.Users;
using Microsoft.Data.Sqlite;
using static CleanAuth.Infrastructure.Persistence.Embedded.SqliteCommands;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

// Microsoft.Data.Sqlite's calls are synchronous local file operations (its async methods are too), so they run inline.
public sealed class SqliteUserRepository(SqliteStore store) : IUserRepository
{
    internal const string Columns = "Id, Name, Email, NormalizedEmail, PasswordHash, SecurityStamp, Roles, Disabled, CreatedAt, UpdatedAt, Version, LastLoginAt, FailedLoginCount, LockoutEnd, EmailConfirmed";

    /// <summary>How many <see cref="Columns"/> there are: a statement's own columns after them start at this position.</summary>
    internal static readonly int ColumnCount = Columns.Split(", ").Length;

    /// <summary>An account being erased (ADR 0055) is not found by any user read: it cannot sign in or be changed.</summary>
    internal const string NotErasing = "ErasingAt IS NULL";

    internal const string IsAdmin = "EXISTS (SELECT 1 FROM json_each(users.Roles) WHERE value = 'admin')";

    public Task<bool> TryAddAsync(User user, CancellationToken cancellationToken) => Task.FromResult(store.Run(connection =>
        connection.TryInsert(c => Insert(c, user))));

    public Task<User?> FindByIdAsync(UserId id, CancellationToken cancellationToken) => Task.FromResult(
        store.Run(connection => connection.QuerySingle($"SELECT {Columns} FROM users WHERE Id = @id AND {NotErasing}", ToUser, ("@id", id.Value))));

    public Task<User?> FindByEmailAsync(string email, CancellationToken cancellationToken) => Task.FromResult(store.Run(connection =>
        connection.QuerySingle($"SELECT {Columns} FROM users WHERE NormalizedEmail = @email AND {NotErasing}", ToUser, ("@email", EmailAddress.Normalize(email)))));

    // One conditional statement: the row changes only if it is still at the version this user was read at and,
    // when the change takes an active administrator away, only if another one exists at that instant. SQLite has
    // one writer at a time and the statement holds the write lock from its start, so two racing removals of the
    // last two administrators cannot both see the other one. The sign-in columns are left alone: only the atomic
    // sign-in statements below write them.
    public Task UpdateAsync(User user, CancellationToken cancellationToken)
    {
        var changed = store.Run(connection => connection.Execute(
            $"{UpdateUser} WHERE Id = @Id AND Version = @ReadVersion AND (@StaysActiveAdmin OR NOT (users.Disabled = 0 AND {IsAdmin}) " +
            "OR EXISTS (SELECT 1 FROM users AS other WHERE other.Id <> @Id AND other.Disabled = 0 " +
            "AND EXISTS (SELECT 1 FROM json_each(other.Roles) WHERE value = 'admin')))",
            [.. UpdateParameters(user), ("@StaysActiveAdmin", user.IsActiveAdmin)]));
        if (changed == 0)
        {
            // Tell "the last administrator" from "changed meanwhile": both are 409s, the message differs.
            var unchanged = store.Run(connection => connection.Scalar<long>(
                "SELECT count(*) FROM users WHERE Id = @Id AND Version = @ReadVersion", ("@Id", user.Id.Value), ("@ReadVersion", user.Version)));
            throw unchanged == 1 ? new LastAdministratorException() : new AccountChangedException();
        }

        return Task.CompletedTask;
    }

    public Task<SignInReservation> ReserveSignInAttemptAsync(
        UserId userId, DateTimeOffset now, int maxFailedAttempts, TimeSpan lockoutDuration, CancellationToken cancellationToken)
    {
        const string NewCount = "CASE WHEN LockoutEnd IS NOT NULL THEN 1 ELSE FailedLoginCount + 1 END";
        var count = store.Run(connection => connection.Scalar<long>(
                $"UPDATE users SET FailedLoginCount = {NewCount}, LockoutEnd = CASE WHEN {NewCount} >= @max THEN @lockEnd ELSE NULL END " +
                "WHERE Id = @id AND (LockoutEnd IS NULL OR LockoutEnd <= @now) RETURNING FailedLoginCount",
            ("@id", userId.Value), ("@now", Ticks(now)), ("@max", maxFailedAttempts), ("@lockEnd", Ticks(StoredTime.ToMilliseconds(now + lockoutDuration)))));
        return Task.FromResult(count switch
        {
            0 => SignInReservation.Refused,
            var c when c >= maxFailedAttempts => SignInReservation.ReservedLast,
            _ => SignInReservation.Reserved,
        });
    }

    public Task RecordSignInSuccessAsync(UserId userId, DateTimeOffset? lastLoginAt, CancellationToken cancellationToken)
    {
        store.Run(connection => connection.Execute(
            "UPDATE users SET FailedLoginCount = 0, LockoutEnd = NULL, LastLoginAt = coalesce(@last, LastLoginAt) WHERE Id = @id",
            ("@id", userId.Value), ("@last", Ticks(lastLoginAt is { } at ? StoredTime.ToMilliseconds(at) : null))));
        return Task.CompletedTask;
    }

    public Task ReplacePasswordHashAsync(UserId userId, string expectedHash, string newHash, CancellationToken cancellationToken)
    {
        store.Run(connection => connection.Execute(
            "UPDATE users SET PasswordHash = @new WHERE Id = @id AND PasswordHash = @expected", ("@id", userId.Value), ("@expected", expectedHash), ("@new", newHash)));
        return Task.CompletedTask;
    }

    public Task MarkEmailConfirmedAsync(UserId userId, CancellationToken cancellationToken)
    {
        store.Run(connection => connection.Execute("UPDATE users SET EmailConfirmed = 1 WHERE Id = @id", ("@id", userId.Value)));
        return Task.CompletedTask;
    }

    // instr, not LIKE: % and _ in the filter are plain characters.
    public Task<PagedList<User>> ListAsync(int page, int pageSize, string? emailContains, CancellationToken cancellationToken) => Task.FromResult(store.Run(connection =>
    {
        const string Matching = $"FROM users WHERE {NotErasing} AND (@contains IS NULL OR instr(NormalizedEmail, @contains) > 0)";
        var contains = ("@contains", (object?)(emailContains is null ? null : EmailAddress.Normalize(emailContains)));
        var total = connection.Scalar<long>($"SELECT count(*) {Matching}", contains);
        var items = connection.Query($"SELECT {Columns} {Matching} ORDER BY Id LIMIT @take OFFSET @skip", ToUser, contains, ("@take", pageSize), ("@skip", PagedList.Skip(page, pageSize)));
        return new PagedList<User>(items, page, pageSize, total);
    }));

    public Task<long> CountActiveAdminsAsync(CancellationToken cancellationToken) => Task.FromResult(store.Run(connection =>
        connection.Scalar<long>($"SELECT count(*) FROM users WHERE Disabled = 0 AND {IsAdmin}")));

    internal static void Insert(SqliteConnection connection, User user) => connection.Execute(
        $"INSERT INTO users ({Columns}) VALUES (@Id, @Name, @Email, @NormalizedEmail, @PasswordHash, @SecurityStamp, @Roles, @Disabled, @CreatedAt, @UpdatedAt, @Version, @LastLoginAt, @FailedLoginCount, @LockoutEnd, @EmailConfirmed)",
        Parameters(user, user.Version));

    private const string UpdateUser =
        "UPDATE users SET Name = @Name, PasswordHash = @PasswordHash, SecurityStamp = @SecurityStamp, Roles = @Roles, Disabled = @Disabled, " +
        "UpdatedAt = @UpdatedAt, Version = @Version";

    private static (string, object?)[] UpdateParameters(User user) =>
    [
        ("@Id", user.Id.Value), ("@Name", user.Name), ("@PasswordHash", user.PasswordHash), ("@SecurityStamp", user.SecurityStamp),
        ("@Roles", JsonSerializer.Serialize(user.Roles)), ("@Disabled", user.IsDisabled), ("@UpdatedAt", Ticks(user.UpdatedAt)),
        ("@Version", user.Version + 1), ("@ReadVersion", user.Version),
    ];

    private static (string, object?)[] Parameters(User user, long version) =>
    [
        ("@Id", user.Id.Value), ("@Name", user.Name), ("@Email", user.Email), ("@NormalizedEmail", user.NormalizedEmail),
        ("@PasswordHash", user.PasswordHash), ("@SecurityStamp", user.SecurityStamp), ("@Roles", JsonSerializer.Serialize(user.Roles)),
        ("@Disabled", user.IsDisabled), ("@CreatedAt", Ticks(user.CreatedAt)), ("@UpdatedAt", Ticks(user.UpdatedAt)), ("@Version", version),
        ("@LastLoginAt", Ticks(user.LastLoginAt)), ("@FailedLoginCount", user.FailedLoginCount), ("@LockoutEnd", Ticks(user.LockoutEnd)),
        ("@EmailConfirmed", user.EmailConfirmed),
    ];

    // By position, in the order of Columns: a read by name makes Microsoft.Data.Sqlite build a dictionary of every
    // column's name (a string each) per run of the statement, and the caller read (SqliteCallerStore) is on every
    // signed-in request (ADR 0063).
    internal static User ToUser(SqliteDataReader row) => new(
        UserId.From(row.GetString(0)), row.GetString(1), row.GetString(2), row.GetString(4), row.GetString(5),
        JsonSerializer.Deserialize<string[]>(row.GetString(6)) ?? [], row.GetInt64(7) != 0,
        row.Instant(8), row.Instant(9), row.GetInt64(10),
        row.OptionalInstant(11), (int)row.GetInt64(12), row.OptionalInstant(13),
        row.GetInt64(14) != 0);
}
