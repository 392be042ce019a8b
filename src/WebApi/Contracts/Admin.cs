using CleanAuth.Application.Accounts.ListUsers;

namespace CleanAuth.WebApi.Contracts;

/// <summary>What an administrator sees of a user: never a hash, a stamp or a token.</summary>
public sealed record UserSummaryResponse(
    string Id, string Name, string Email, IReadOnlyList<string> Roles, bool Disabled, DateTimeOffset CreatedAt, DateTimeOffset? LastLoginAt,
    bool EmailConfirmed, bool TwoFactorEnabled)
{
    public static UserSummaryResponse From(UserSummary user) => new(
        user.Id, user.Name, user.Email, user.Roles, user.Disabled, user.CreatedAt, user.LastLoginAt, user.EmailConfirmed, user.TwoFactorEnabled);
}
