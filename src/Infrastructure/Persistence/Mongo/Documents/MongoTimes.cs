namespace CleanAuth.Infrastructure.Persistence.Mongo.Documents;

/// <summary>The driver reads BSON dates back as <see cref="DateTime"/>s of no stated kind; they are UTC.</summary>
internal static class MongoTimes
{
    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    public static DateTimeOffset? Utc(DateTime? value) => value is { } v ? Utc(v) : null;
}
