using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Accounts.UpdateProfile;

/// <summary>The only profile fields a user may change. Anything else in a request body has nowhere to go.</summary>
public sealed record UpdateProfileCommand(string Name) : IRequest<UserProfile>, IRequireUser;

public sealed class UpdateProfileCommandHandler(ICurrentUser currentUser, IUserRepository users, ITwoFactorStore twoFactors, TimeProvider timeProvider)
    : IRequestHandler<UpdateProfileCommand, UserProfile>
{
    public async Task<UserProfile> Handle(UpdateProfileCommand request, CancellationToken cancellationToken)
    {
        var user = currentUser.User;
        user.Rename(PersonName.Create(request.Name), timeProvider.GetUtcNow());
        await users.UpdateAsync(user, cancellationToken);
        return UserProfile.From(user, await twoFactors.IsEnabledAsync(user.Id, cancellationToken));
    }
}
