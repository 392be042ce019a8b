using CleanAuth.Application.Common.Time;
using Microsoft.Extensions.Time.Testing;

namespace CleanAuth.Tests.Unit.Application.Common.Time;

public sealed class MillisecondClockTests
{
    [Fact]
    public void Reads_the_wrapped_clock_to_the_millisecond_in_UTC()
    {
        var inner = new FakeTimeProvider(new DateTimeOffset(2026, 3, 14, 9, 26, 53, 123, TimeSpan.FromHours(2)).AddTicks(4567));
        var clock = new MillisecondClock(inner);

        var now = clock.GetUtcNow();

        now.Should().Be(new DateTimeOffset(2026, 3, 14, 7, 26, 53, 123, TimeSpan.Zero));
        now.Offset.Should().Be(TimeSpan.Zero);
        now.Ticks.Should().Be(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond));
    }

    [Fact]
    public async Task Timers_and_timestamps_are_the_wrapped_clock_s()
    {
        var inner = new FakeTimeProvider();
        var clock = new MillisecondClock(inner);
        var before = clock.GetTimestamp();

        var delay = Task.Delay(TimeSpan.FromSeconds(5), clock);
        delay.IsCompleted.Should().BeFalse();
        inner.Advance(TimeSpan.FromSeconds(5));
        await delay;

        clock.GetElapsedTime(before).Should().Be(TimeSpan.FromSeconds(5));
    }
}
