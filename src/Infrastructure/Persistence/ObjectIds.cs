namespace CleanAuth.Infrastructure.Persistence;

public static class ObjectIds
{
    /// <summary>
    /// The id in the canonical lower-case form, or null when it is not the 24-hex-digit form every id of
    /// this service has (such an id finds nothing, the same as an unknown one).
    /// </summary>
    public static string? Normalize(string? id) =>
        id is { Length: 24 } && id.All(char.IsAsciiHexDigit) ? id.ToLowerInvariant() : null;
}
