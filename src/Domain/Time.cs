namespace CleanAuth.Domain;

internal static class Time
{
    // Both stores keep times to the millisecond; truncating here makes what a handler returns equal what a later read returns.
    public static DateTimeOffset ToMilliseconds(DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerMillisecond), value.Offset);
}
