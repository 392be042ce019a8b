using CleanAuth.Application.Common.Abstractions;
using MongoDB.Bson;

namespace CleanAuth.Infrastructure.Persistence;

/// <summary>
/// ObjectId-shaped ids for both stores: they sort by creation time, index well in MongoDB and
/// SQLite alike, and move between the two stores unchanged.
/// </summary>
public sealed class ObjectIdGenerator : IIdGenerator
{
    public string NewId() => ObjectId.GenerateNewId().ToString();
}
