using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Passkeys.Ports;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Accounts.Common;

/// <summary>
/// What a password reset clears on an account whose address was never confirmed (ADR 0043). Whoever registered the
/// address need not own the mailbox, and the reset's code has just proven who does: what the registrant could set to
/// keep the account after the owner arrives goes — the second factor (enabled or pending, with its recovery codes),
/// and the passkeys (ADR 0058). The reset itself ends every session; the library and the name stay for the owner.
/// Call it before the address is marked confirmed, so a reset cut short is cleared again by the next one.
/// </summary>
public sealed class PreRegistration(ITwoFactorStore twoFactor, IPasskeyStore passkeys, SecurityEvents events)
{
    public async Task ClearIfUnconfirmedAsync(User user, CancellationToken cancellationToken)
    {
        if (user.EmailConfirmed)
        {
            return;
        }

        var twoFactorRemoved = await twoFactor.RemoveAsync(user.Id, cancellationToken);
        events.PreRegistrationCleared(user.Id, twoFactorRemoved);
        if (await passkeys.RemoveAllAsync(user.Id, cancellationToken) is > 0 and var removed)
        {
            events.PasskeysRemoved(user.Id, removed, "pre-registration cleared");
        }
    }
}
