using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Accounts.Common;

/// <summary>What a user may see of their own account. Never a hash or a stamp.</summary>
public sealed record UserProfile(
    string Id, string Name, string Email, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, bool EmailConfirmed, bool TwoFactorEnabled)
{
    public static UserProfile From(User user, bool twoFactorEnabled) =>
        new(user.Id.Value, user.Name, user.Email, [.. user.Roles], user.CreatedAt, user.EmailConfirmed, twoFactorEnabled);
}
