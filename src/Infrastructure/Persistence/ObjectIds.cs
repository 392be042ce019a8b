using MongoDB.Bson;

namespace CleanAuth.Infrastructure.Persistence;

/// <summary>The one reader of ids that come from outside (a route, a token): both stores parse them here.</summary>
public static class ObjectIds
{
    /// <summary>
    /// The id in the canonical lower-case form, or null when it is not the 24-hex-digit form every id of
    /// this service has (such an id finds nothing, the same as an unknown one).
    /// </summary>
    public static string? Normalize(string? id) =>
        id is { Length: 24 } && id.All(char.IsAsciiHexDigit) ? id.ToLowerInvariant() : null;

    /// <summary>The id as MongoDB's ObjectId, for collections that key by one; false where <see cref="Normalize"/> gives null.</summary>
    public static bool TryParse(string? id, out ObjectId value)
    {
        var normalized = Normalize(id);
        value = normalized is null ? ObjectId.Empty : ObjectId.Parse(normalized);
        return normalized is not null;
    }
}
