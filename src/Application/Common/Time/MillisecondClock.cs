namespace CleanAuth.Application.Common.Time;

/// <summary>
/// The service's clock: the wrapped one, read to the millisecond. Both stores keep instants to the millisecond
/// (MongoDB cannot keep more), so an entity made from this clock answers the same times before and after a
/// round trip through either store, and the domain needs to know nothing about storage.
/// </summary>
public sealed class MillisecondClock(TimeProvider inner) : TimeProvider
{
    public override DateTimeOffset GetUtcNow()
    {
        var now = inner.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);
}
