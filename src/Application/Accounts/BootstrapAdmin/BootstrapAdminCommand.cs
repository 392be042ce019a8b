using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Accounts.BootstrapAdmin;

/// <summary>
/// Run once at start-up from configuration: when no <em>enabled</em> administrator exists, makes the
/// configured account one (registering it with the configured password if it does not exist yet, or
/// promoting — and, if disabled, enabling — it if that password opens it). Does nothing otherwise.
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

    /// <summary>An account with the email exists but the configured password does not open it: not promoted.</summary>
    Refused,
}

public sealed class BootstrapAdminCommandHandler(IUserRepository users, IPasswordHasher passwordHasher, IIdGenerator ids, TimeProvider timeProvider)
    : IRequestHandler<BootstrapAdminCommand, BootstrapOutcome>
{
    public async Task<BootstrapOutcome> Handle(BootstrapAdminCommand request, CancellationToken cancellationToken)
    {
        // A disabled administrator cannot act, so it does not count: with none enabled, this is the way back in.
        if (await users.CountActiveAdminsAsync(cancellationToken) > 0)
        {
            return BootstrapOutcome.AdminAlreadyExists;
        }

        var now = timeProvider.GetUtcNow();
        var existing = await users.FindByEmailAsync(request.Email, cancellationToken);
        if (existing is not null)
        {
            // Emails are not verified: whoever registered the address first must not become an administrator
            // by it. Only the account the configured password opens is promoted (and enabled, if it was
            // disabled: e.g. the last administrators disabled each other before ADR 0031).
            if (passwordHasher.Verify(existing.PasswordHash, request.Password) == PasswordVerification.Failed)
            {
                return BootstrapOutcome.Refused;
            }

            existing.GrantRole(Role.Admin, now);
            if (existing.IsDisabled)
            {
                existing.Enable(now);
            }

            await users.UpdateAsync(existing, cancellationToken);
            return BootstrapOutcome.Promoted;
        }

        var admin = User.Register(ids.NewUserId(), PersonName.Create("Administrator"), EmailAddress.Create(request.Email), passwordHasher.Hash(request.Password), now);
        admin.GrantRole(Role.Admin, now);
        return await users.TryAddAsync(admin, cancellationToken) ? BootstrapOutcome.Registered : BootstrapOutcome.AdminAlreadyExists;
    }
}
