using System.Threading.RateLimiting;
using CleanAuth.Domain.Users;
using Microsoft.Extensions.Options;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>
/// The per-address limit of the routes that send mail (resend, forgot; <see cref="RateLimitOptions.AccountCodesPerAddress"/>):
/// one aligned window per normalized address, dropped once idle, like the middleware's per-IP partitions. Redeeming a code
/// has no per-address limit (ADR 0043): anyone could spend it, and the owner's correct code would be refused.
/// </summary>
public sealed class AddressRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public AddressRateLimiter(IOptions<RateLimitOptions> options, TimeProvider clock)
    {
        var limits = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(key => limits.Enabled
            ? RateLimitPartition.Get(key, _ => new AlignedWindowRateLimiter(
                limits.AccountCodesPerAddress, limits.Window, TimeSpan.FromTicks((long)((uint)StringComparer.Ordinal.GetHashCode(key) % (ulong)limits.Window.Ticks)), clock))
            : RateLimitPartition.GetNoLimiter(key));
    }

    public RateLimitLease Acquire(string email) => _limiter.AttemptAcquire("mail:" + EmailAddress.Normalize(email));

    public void Dispose() => _limiter.Dispose();
}
