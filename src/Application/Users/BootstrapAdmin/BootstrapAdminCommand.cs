using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Security;
using CleanAuth.Domain.Users;
using FluentValidation;
using MediatR;

namespace CleanAuth.Application.Users.BootstrapAdmin;

/// <summary>
/// Run once at start-up from configuration: when no administrator exists, makes the configured account
/// one (registering it with the configured password if it does not exist yet). Does nothing otherwise.
/// </summary>
public sealed record BootstrapAdminCommand(string Email, string Password) : IRequest<BootstrapOutcome>
{
    public override string ToString() => $"{nameof(BootstrapAdminCommand)} {{ Email = {Email} }}";
}

public enum BootstrapOutcome
{
    AdminAlreadyExists,
    Registered,
    Promoted,
}

public sealed class BootstrapAdminCommandValidator : AbstractValidator<BootstrapAdminCommand>
{
    public BootstrapAdminCommandValidator()
    {
        RuleFor(c => c.Email).ValidEmail();
        RuleFor(c => c.Password).NewPassword();
    }
}

public sealed class BootstrapAdminCommandHandler(IUserRepository users, IPasswordHasher passwordHasher, IIdGenerator ids, TimeProvider timeProvider)
    : IRequestHandler<BootstrapAdminCommand, BootstrapOutcome>
{
    public async Task<BootstrapOutcome> Handle(BootstrapAdminCommand request, CancellationToken cancellationToken)
    {
        if (await users.AnyAdminAsync(cancellationToken))
        {
            return BootstrapOutcome.AdminAlreadyExists;
        }

        var now = timeProvider.GetUtcNow();
        var existing = await users.FindByEmailAsync(request.Email, cancellationToken);
        if (existing is not null)
        {
            existing.GrantRole(Role.Admin, now);
            await users.UpdateAsync(existing, cancellationToken);
            return BootstrapOutcome.Promoted;
        }

        var admin = User.Register(ids.NewId(), "Administrator", request.Email, passwordHasher.Hash(request.Password), now);
        admin.GrantRole(Role.Admin, now);
        return await users.TryAddAsync(admin, cancellationToken) ? BootstrapOutcome.Registered : BootstrapOutcome.AdminAlreadyExists;
    }
}
