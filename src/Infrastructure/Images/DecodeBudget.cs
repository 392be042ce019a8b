using System.Threading.RateLimiting;
using CleanAuth.Application.Books.Common;

namespace CleanAuth.Infrastructure.Images;

/// <summary>
/// How many bytes of decoded pixels may be in memory at once (<c>Covers:DecodeBudgetMegabytes</c>): the platform's
/// <see cref="ConcurrencyLimiter"/> with one permit per MiB, first come first served. A cover larger than the whole
/// budget takes all of it, so it is decoded alone rather than refused; one that gets no room within
/// <c>Covers:DecodeQueueTimeout</c> is answered 503 with Retry-After (ADR 0045).
/// </summary>
public sealed class DecodeBudget : IDisposable
{
    private const long MiB = 1024 * 1024;
    private readonly ConcurrencyLimiter _limiter;
    private readonly int _megabytes;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _timeProvider;

    public DecodeBudget(CoverLimits limits, TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        _megabytes = limits.DecodeBudgetMegabytes;
        _timeout = limits.DecodeQueueTimeout;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = _megabytes,
            // Counted in permits (MiB), not in waiting uploads: the wait is bounded by time instead. A waiting upload
            // holds only its body, which the upload limits bound already.
            QueueLimit = int.MaxValue,
            // Oldest first, so a large cover waiting for the whole budget is not passed forever by small ones.
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Room for <paramref name="decodedBytes"/> of pixels; disposing the lease gives it back.</summary>
    public Task<IDisposable> ReserveAsync(long decodedBytes, CancellationToken cancellationToken)
    {
        var permits = (int)Math.Clamp((decodedBytes / MiB) + (decodedBytes % MiB == 0 ? 0 : 1), 1, _megabytes);
        return _limiter.AcquireOrBusyAsync(permits, _timeout, _timeProvider, Busy, cancellationToken);
    }

    public void Dispose() => _limiter.Dispose();

    private const string Busy = "Too many large covers are being processed right now; retry shortly.";
}
