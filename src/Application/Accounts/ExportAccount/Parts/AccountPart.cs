using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Accounts.ExportAccount.Parts;

/// <summary><c>account.json</c>: the profile and its state; never a hash, a key, a stamp or a code.</summary>
public sealed class AccountPart(ITwoFactorStore twoFactors) : IAccountExportPart
{
    public async Task WriteAsync(User user, IExportArchive archive, CancellationToken cancellationToken)
    {
        var account = new AccountRecord(
            user.Id.Value, user.Name, user.Email, user.Roles, user.CreatedAt, user.UpdatedAt, user.LastLoginAt,
            user.EmailConfirmed, await twoFactors.IsEnabledAsync(user.Id, cancellationToken));
        await archive.WriteObjectAsync("account.json", account, cancellationToken);
    }

    public sealed record AccountRecord(
        string Id, string Name, string Email, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
        DateTimeOffset? LastLoginAt, bool EmailConfirmed, bool TwoFactorEnabled);
}
