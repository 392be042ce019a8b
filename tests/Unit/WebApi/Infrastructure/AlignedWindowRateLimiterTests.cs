using System.Threading.RateLimiting;
using CleanAuth.WebApi.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CleanAuth.Tests.Unit.WebApi.Infrastructure;

public sealed class AlignedWindowRateLimiterTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Refusals_carry_the_time_left_in_the_window_and_the_next_window_has_every_permit_again()
    {
        var clock = new FakeTimeProvider(Noon.AddSeconds(5));
        using var limiter = new AlignedWindowRateLimiter(2, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30), clock);

        limiter.AttemptAcquire().IsAcquired.Should().BeTrue();
        limiter.AttemptAcquire().IsAcquired.Should().BeTrue();
        RetryAfter(limiter.AttemptAcquire()).Should().Be(TimeSpan.FromSeconds(25), "the window opened at 11:59:30 and closes at 12:00:30");
        clock.Advance(TimeSpan.FromSeconds(20));
        RetryAfter(limiter.AttemptAcquire()).Should().Be(TimeSpan.FromSeconds(5));
        clock.Advance(TimeSpan.FromSeconds(5));
        limiter.AttemptAcquire().IsAcquired.Should().BeTrue();
        limiter.AttemptAcquire().IsAcquired.Should().BeTrue();
        RetryAfter(limiter.AttemptAcquire()).Should().Be(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void It_is_idle_only_once_its_window_is_over()
    {
        var clock = new FakeTimeProvider(Noon);
        using var limiter = new AlignedWindowRateLimiter(1, TimeSpan.FromMinutes(1), TimeSpan.Zero, clock);

        limiter.AttemptAcquire();
        limiter.IdleDuration.Should().BeNull("its count still matters in this window");
        clock.Advance(TimeSpan.FromMinutes(1));
        limiter.IdleDuration.Should().Be(TimeSpan.FromMinutes(1));
    }

    private static TimeSpan? RetryAfter(RateLimitLease lease)
    {
        lease.IsAcquired.Should().BeFalse();
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : null;
    }
}
