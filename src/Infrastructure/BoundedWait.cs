using System.Threading.RateLimiting;
using CleanAuth.Application.Common.Exceptions;

namespace CleanAuth.Infrastructure;

/// <summary>The one way a bounded resource is waited for: the limiter's lease within a time, or a 503 (ADR 0033, 0045).</summary>
internal static class BoundedWait
{
    /// <summary>
    /// Takes <paramref name="permits"/> from <paramref name="limiter"/>, waiting at most <paramref name="timeout"/> on
    /// <paramref name="timeProvider"/>; a full queue or a wait that runs out is <paramref name="busy"/>'s 503, the caller's own cancellation stays one.
    /// </summary>
    public static async Task<IDisposable> AcquireOrBusyAsync(
        this RateLimiter limiter, int permits, TimeSpan timeout, TimeProvider timeProvider, string busy, CancellationToken cancellationToken)
    {
        using var expiry = new CancellationTokenSource(timeout, timeProvider);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
        RateLimitLease lease;
        try
        {
            lease = await limiter.AcquireAsync(permits, wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ServiceBusyException(busy);
        }

        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new ServiceBusyException(busy);
        }

        return lease;
    }
}
