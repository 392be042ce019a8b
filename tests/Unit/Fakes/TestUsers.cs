using CleanAuth.Domain.Users;

namespace CleanAuth.Tests.Unit.Fakes;

public static class TestUsers
{
    public static readonly DateTimeOffset Epoch = new(2026, 3, 14, 9, 26, 53, TimeSpan.Zero);

    public static User New(
        string id = "000000000000000000000abc",
        string name = "Alice",
        string email = "alice@example.com",
        string password = "correct horse battery staple",
        DateTimeOffset? now = null) =>
        User.Register(UserId.From(id), PersonName.Create(name), EmailAddress.Create(email), FakePasswordHasher.Compute(password), now ?? Epoch);

    /// <summary>The same user as stored once its address was confirmed.</summary>
    public static User Confirmed(User user) => new(
        user.Id, user.Name, user.Email, user.PasswordHash, user.SecurityStamp, user.Roles, user.IsDisabled, user.CreatedAt, user.UpdatedAt, user.Version,
        emailConfirmed: true);
}
