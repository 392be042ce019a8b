namespace CleanAuth.Infrastructure.Persistence;

/// <summary>How both stores keep instants.</summary>
internal static class StoredTime
{
    /// <summary>To the millisecond: MongoDB cannot keep more, and SQLite keeps the same so both answer alike.</summary>
    public static DateTimeOffset ToMilliseconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
