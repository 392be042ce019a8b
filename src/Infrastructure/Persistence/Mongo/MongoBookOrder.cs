using System.Linq.Expressions;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Infrastructure.Persistence.Mongo.Documents;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CleanAuth.Infrastructure.Persistence.Mongo;

/// <summary>
/// The orders of books on MongoDB: one key and the id, both in the same direction, off the (owner, key, id) indexes
/// of <see cref="MongoIndexInitializer"/>. Titles order by <c>normalizedTitle</c> under the default (binary) collation:
/// ordinal, ignoring case, as on the embedded store. A keyset page is a range condition on (key, id), never a skip.
/// </summary>
internal static class MongoBookOrder
{
    private static readonly FilterDefinitionBuilder<BookDocument> Filter = Builders<BookDocument>.Filter;

    public static SortDefinition<BookDocument> Sort(BookOrder order)
    {
        var sort = Builders<BookDocument>.Sort;
        var key = Key(order.Field);
        return order.Descending
            ? sort.Combine(sort.Descending(key), sort.Descending(d => d.Id))
            : sort.Combine(sort.Ascending(key), sort.Ascending(d => d.Id));
    }

    /// <summary>Books strictly after the filter's position in its order; everything when it has none.</summary>
    public static FilterDefinition<BookDocument> After(BookFilter filter)
    {
        if (filter.After is not { } position)
        {
            return Filter.Empty;
        }

        var order = filter.SortOrder;
        BsonValue value = order.Field switch
        {
            BookSortField.Title => position.NormalizedTitle,
            BookSortField.UpdatedAt => position.UpdatedAt.UtcDateTime,
            _ => position.CreatedAt.UtcDateTime,
        };
        var id = new BsonObjectId(ObjectId.Parse(position.Id));
        var idField = new StringFieldDefinition<BookDocument, BsonValue>("_id");
        var keyField = new StringFieldDefinition<BookDocument, BsonValue>(FieldName(order.Field));
        return order.Descending
            ? Filter.Lt(keyField, value) | (Filter.Eq(keyField, value) & Filter.Lt(idField, id))
            : Filter.Gt(keyField, value) | (Filter.Eq(keyField, value) & Filter.Gt(idField, id));
    }

    private static Expression<Func<BookDocument, object>> Key(BookSortField field) => field switch
    {
        BookSortField.Title => d => d.NormalizedTitle,
        BookSortField.UpdatedAt => d => d.UpdatedAt,
        _ => d => d.CreatedAt,
    };

    private static string FieldName(BookSortField field) => field switch
    {
        BookSortField.Title => "normalizedTitle",
        BookSortField.UpdatedAt => "updatedAt",
        _ => "createdAt",
    };
}
