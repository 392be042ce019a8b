using CleanAuth.Domain.Common;
using MongoDB.Bson;

namespace CleanAuth.Infrastructure.Persistence;

/// <summary>Ids that MongoDB keys as an ObjectId (cover files, refresh families), read from their text.</summary>
public static class ObjectIds
{
    /// <summary>The id as MongoDB's ObjectId; false when the text is not 24 hex digits (such an id finds nothing).</summary>
    public static bool TryParse(string? id, out ObjectId value)
    {
        var canonical = ObjectIdText.Canonical(id);
        value = canonical is null ? ObjectId.Empty : ObjectId.Parse(canonical);
        return canonical is not null;
    }
}
