using System.Threading.RateLimiting;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>
/// A fixed window of <c>permits</c> per <c>window</c>, whose refusals say how long is really left: the
/// platform's fixed-window limiter reports the whole window as Retry-After (60 s even 40 s into it), so
/// clients waited up to a whole window too long. Windows start at multiples of their length on the app's clock,
/// shifted by <c>offset</c> (each partition its own, so that they do not all reopen at the same instant): the
/// time left is exact, and the limiter needs no timer.
/// </summary>
public sealed class AlignedWindowRateLimiter(int permits, TimeSpan window, TimeSpan offset, TimeProvider clock) : RateLimiter
{
    private readonly Lock _gate = new();
    private long _windowIndex = -1;
    private int _used;
    private long _lastUse = clock.GetTimestamp();

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_gate)
            {
                // Idle once its window is over: the partitioned limiter may then drop it.
                return CurrentIndex() == _windowIndex ? null : clock.GetElapsedTime(_lastUse);
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate)
        {
            return new RateLimiterStatistics { CurrentAvailablePermits = CurrentIndex() == _windowIndex ? permits - _used : permits };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_gate)
        {
            var index = CurrentIndex();
            if (index != _windowIndex)
            {
                (_windowIndex, _used) = (index, 0);
            }

            _lastUse = clock.GetTimestamp();
            if (_used + permitCount <= permits)
            {
                _used += permitCount;
                return Lease.Granted;
            }

            var windowEnd = new DateTimeOffset(((index + 1) * window.Ticks) + offset.Ticks, TimeSpan.Zero);
            return new Lease(windowEnd - clock.GetUtcNow());
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private long CurrentIndex() => (clock.GetUtcNow().UtcTicks - offset.Ticks) / window.Ticks;

    private sealed class Lease(TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(null);

        public override bool IsAcquired => retryAfter is null;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
