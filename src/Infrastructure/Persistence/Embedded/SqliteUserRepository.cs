using System.Text.Json;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Users;
using Microsoft.Data.Sqlite;
using static CleanAuth.Infrastructure.Persistence.Embedded.SqliteCommands;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

// Microsoft.Data.Sqlite's calls are synchronous local file operations (its async methods are too), so they run inline.
public sealed class SqliteUserRepository(SqliteStore store) : IUserRepository
{
    private const string Columns = "Id, Name, Email, NormalizedEmail, PasswordHash, SecurityStamp, Roles, Disabled, CreatedAt, UpdatedAt, Version, LastLoginAt, FailedLoginCount, LockoutEnd";

    private const string IsAdmin = "EXISTS (SELECT 1 FROM json_each(users.Roles) WHERE value = 'admin')";

    public Task<bool> TryAddAsync(User user, CancellationToken cancellationToken) => Task.FromResult(store.Run(connection =>
    {
        try
        {
            Insert(connection, user);
            return true;
        }
        catch (SqliteException ex) when (SqliteErrors.IsDuplicate(ex))
        {
            return false;
        }
    }));

    public Task<User?> FindByIdAsync(string id, CancellationToken cancellationToken) => Task.FromResult(
        ObjectIds.Normalize(id) is { } userId
            ? store.Run(connection => connection.QuerySingle($"SELECT {Columns} FROM users WHERE Id = @id", ToUser, ("@id", userId)))
            : null);

    public Task<User?> FindByEmailAsync(string email, CancellationToken cancellationToken) => Task.FromResult(store.Run(connection =>
        connection.QuerySingle($"SELECT {Columns} FROM users WHERE NormalizedEmail = @email", ToUser, ("@email", User.NormalizeEmail(email)))));

    // One conditional statement: the row changes only if it is still at the version this user was read at.
    public Task UpdateAsync(User user, CancellationToken cancellationToken)
    {
        var changed = store.Run(connection => connection.Execute(
            "UPDATE users SET Name = @Name, PasswordHash = @PasswordHash, SecurityStamp = @SecurityStamp, Roles = @Roles, Disabled = @Disabled, " +
            "UpdatedAt = @UpdatedAt, Version = @Version, LastLoginAt = @LastLoginAt, FailedLoginCount = @FailedLoginCount, LockoutEnd = @LockoutEnd " +
            "WHERE Id = @Id AND Version = @ReadVersion",
            [.. Parameters(user, user.Version + 1), ("@ReadVersion", user.Version)]));
        if (changed == 0)
        {
            throw new ConflictException("The account was changed by another request; retry.");
        }

        user.MarkSaved();
        return Task.CompletedTask;
    }

    // instr, not LIKE: % and _ in the filter are plain characters.
    public Task<UserPage> ListAsync(int skip, int take, string? emailContains, CancellationToken cancellationToken) => Task.FromResult(store.Run(connection =>
    {
        const string Matching = "FROM users WHERE @contains IS NULL OR instr(NormalizedEmail, @contains) > 0";
        var contains = ("@contains", (object?)(emailContains is null ? null : User.NormalizeEmail(emailContains)));
        var total = connection.Scalar<long>($"SELECT count(*) {Matching}", contains);
        var items = connection.Query($"SELECT {Columns} {Matching} ORDER BY Id LIMIT @take OFFSET @skip", ToUser, contains, ("@take", take), ("@skip", skip));
        return new UserPage(items, total);
    }));

    public Task<long> CountActiveAdminsAsync(CancellationToken cancellationToken) => Task.FromResult(store.Run(connection =>
        connection.Scalar<long>($"SELECT count(*) FROM users WHERE Disabled = 0 AND {IsAdmin}")));

    public Task<bool> AnyAdminAsync(CancellationToken cancellationToken) => Task.FromResult(store.Run(connection =>
        connection.Scalar<long>($"SELECT EXISTS (SELECT 1 FROM users WHERE {IsAdmin})") == 1));

    internal static void Insert(SqliteConnection connection, User user) => connection.Execute(
        $"INSERT INTO users ({Columns}) VALUES (@Id, @Name, @Email, @NormalizedEmail, @PasswordHash, @SecurityStamp, @Roles, @Disabled, @CreatedAt, @UpdatedAt, @Version, @LastLoginAt, @FailedLoginCount, @LockoutEnd)",
        Parameters(user, user.Version));

    private static (string, object?)[] Parameters(User user, long version) =>
    [
        ("@Id", user.Id), ("@Name", user.Name), ("@Email", user.Email), ("@NormalizedEmail", user.NormalizedEmail),
        ("@PasswordHash", user.PasswordHash), ("@SecurityStamp", user.SecurityStamp), ("@Roles", JsonSerializer.Serialize(user.Roles)),
        ("@Disabled", user.IsDisabled), ("@CreatedAt", Ticks(user.CreatedAt)), ("@UpdatedAt", Ticks(user.UpdatedAt)), ("@Version", version),
        ("@LastLoginAt", Ticks(user.LastLoginAt)), ("@FailedLoginCount", user.FailedLoginCount), ("@LockoutEnd", Ticks(user.LockoutEnd)),
    ];

    private static User ToUser(SqliteDataReader row) => new(
        row.Text("Id"), row.Text("Name"), row.Text("Email"), row.Text("PasswordHash"), row.Text("SecurityStamp"),
        JsonSerializer.Deserialize<string[]>(row.Text("Roles")) ?? [], row.Integer("Disabled") != 0,
        row.Instant("CreatedAt"), row.Instant("UpdatedAt"), row.Integer("Version"),
        row.OptionalInstant("LastLoginAt"), (int)row.Integer("FailedLoginCount"), row.OptionalInstant("LockoutEnd"));
}
