using System.Threading.RateLimiting;
using CleanAuth.Domain.Users;
using Microsoft.Extensions.Options;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>
/// Which per-address budget a route spends. Asking for mail and redeeming a code have one each, so that requests
/// for mail to someone's address (which anyone can send) never use up the owner's budget for redeeming the code.
/// </summary>
public enum AddressBudget
{
    /// <summary>Resend and forgot: each sends mail to the address.</summary>
    Mail,

    /// <summary>Confirm and reset: each presents a code (and wrong codes are capped per code as well).</summary>
    Code,
}

/// <summary>
/// The per-address limits of the email-code routes (<see cref="RateLimitOptions.EmailCodesPerAddress"/> per budget):
/// one aligned window per (budget, normalized address), dropped once idle, like the middleware's per-IP partitions.
/// </summary>
public sealed class AddressRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public AddressRateLimiter(IOptions<RateLimitOptions> options, TimeProvider clock)
    {
        var limits = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(key => limits.Enabled
            ? RateLimitPartition.Get(key, _ => new AlignedWindowRateLimiter(
                limits.EmailCodesPerAddress, limits.Window, TimeSpan.FromTicks((long)((uint)StringComparer.Ordinal.GetHashCode(key) % (ulong)limits.Window.Ticks)), clock))
            : RateLimitPartition.GetNoLimiter(key));
    }

    public RateLimitLease Acquire(AddressBudget budget, string email) =>
        _limiter.AttemptAcquire((budget == AddressBudget.Mail ? "mail:" : "code:") + EmailAddress.Normalize(email));

    public void Dispose() => _limiter.Dispose();
}
