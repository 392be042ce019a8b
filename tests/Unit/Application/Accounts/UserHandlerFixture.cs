using CleanAuth.Application.Common.Behaviours;
using CleanAuth.Domain.Users;
using CleanAuth.Tests.Unit.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace CleanAuth.Tests.Unit.Application.Accounts;

/// <summary>A stored user, read back the way the CurrentUser behaviour reads it, and set as the current user.</summary>
public sealed class UserHandlerFixture
{
    public UserHandlerFixture()
    {
        Stored = Users.Seed(TestUsers.New(name: "Alice", email: "alice@example.com"));
        CurrentUser.Set(Users.FindByIdAsync(Stored.Id, default).Result!);
    }

    public InMemoryUserRepository Users { get; } = new();

    public InMemoryTwoFactorStore TwoFactors { get; } = new();

    public FakeTimeProvider Clock { get; } = new(TestUsers.Epoch);

    public CurrentUserAccessor CurrentUser { get; } = new();

    /// <summary>The user as it was first stored.</summary>
    public User Stored { get; }
}
