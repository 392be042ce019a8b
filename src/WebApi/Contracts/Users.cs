using CleanAuth.Application.Accounts.ChangePassword;
using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.UpdateProfile;

namespace CleanAuth.WebApi.Contracts;

/// <summary>What a user may see of their own account. Never a hash or a stamp.</summary>
public sealed record ProfileResponse(
    string Id, string Name, string Email, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, bool EmailConfirmed, bool TwoFactorEnabled)
{
    public static ProfileResponse From(UserProfile profile) =>
        new(profile.Id, profile.Name, profile.Email, profile.Roles, profile.CreatedAt, profile.EmailConfirmed, profile.TwoFactorEnabled);
}

/// <summary>The only profile fields a user may change. Anything else in a request body has nowhere to go.</summary>
public sealed record UpdateProfileRequest(string Name)
{
    public UpdateProfileCommand ToCommand() => new(Name);
}

/// <summary>Answers with a fresh token pair for the caller; every other session ends.</summary>
public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword)
{
    public ChangePasswordCommand ToCommand() => new(CurrentPassword, NewPassword);

    public override string ToString() => nameof(ChangePasswordRequest);
}
