using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Application.Common.Models;
using CleanAuth.Domain.Authors;
using CleanAuth.Domain.Books;
using CleanAuth.Domain.Users;
using Microsoft.Data.Sqlite;
using static CleanAuth.Infrastructure.Persistence.Embedded.SqliteCommands;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

public sealed class SqliteBookRepository(SqliteStore store) : IBookRepository
{
    private const string Columns =
        "Id, OwnerId, Title, NormalizedTitle, Description, Category, AuthorId, CoverFileId, CoverContentType, CoverETag, CoverLength, " +
        "ThumbnailFileId, ThumbnailContentType, ThumbnailETag, ThumbnailLength, CoverWidth, CoverHeight, CreatedAt, UpdatedAt, Version";

    // The unique (owner, title) constraint decides; the library size follows by trigger in the same statement.
    public Task<bool> TryAddAsync(Book book, CancellationToken cancellationToken) => Task.FromResult(store.Run(connection =>
        connection.TryInsert(c => Insert(c, book))));

    // One transaction (one durable commit) per batch; a savepoint per book, so a refused book leaves no trace.
    public Task<IReadOnlyList<ImportOutcome>> ImportAsync(IReadOnlyList<Book> books, CancellationToken cancellationToken) =>
        Task.FromResult(store.InTransaction((connection, _) => (IReadOnlyList<ImportOutcome>)[.. books.Select(book => ImportOne(connection, book))]));

    private static ImportOutcome ImportOne(SqliteConnection connection, Book book)
    {
        connection.Execute("SAVEPOINT book");
        var outcome = !connection.TryInsert(c => Insert(c, book)) ? ImportOutcome.TitleTaken
            : book.AuthorId is { } author && connection.Execute(
                "UPDATE authors SET Books = Books + 1 WHERE Id = @id AND OwnerId = @owner", ("@id", author.Value), ("@owner", book.OwnerId.Value)) == 0
                ? ImportOutcome.NoSuchAuthor
                : ImportOutcome.Stored;
        if (outcome != ImportOutcome.Stored)
        {
            connection.Execute("ROLLBACK TO book");
        }

        connection.Execute("RELEASE book");
        return outcome;
    }

    public Task<Book?> FindAsync(UserId ownerId, BookId id, CancellationToken cancellationToken) => Task.FromResult(
        store.Run(connection => connection.QuerySingle(
            $"SELECT {Columns} FROM books WHERE Id = @id AND OwnerId = @owner", ToBook, ("@id", id.Value), ("@owner", ownerId.Value))));

    public Task<bool> TitleExistsAsync(UserId ownerId, BookTitle title, BookId? exceptBookId, CancellationToken cancellationToken) => Task.FromResult(store.Run(connection =>
        connection.Scalar<long>(
            "SELECT EXISTS (SELECT 1 FROM books WHERE OwnerId = @owner AND NormalizedTitle = @title AND (@except IS NULL OR Id <> @except))",
            ("@owner", ownerId.Value), ("@title", title.Normalized), ("@except", exceptBookId?.Value)) == 1));

    // In the filter's order off the (owner, key, id) indexes: a keyset page (After) costs its own rows, a numbered
    // page also those it skips; the total of a whole library is its kept size. instr, not LIKE: the search text is
    // matched literally. Titles order by NormalizedTitle under BINARY collation: ordinal, ignoring case.
    public Task<PagedList<Book>> ListAsync(UserId ownerId, BookFilter filter, CancellationToken cancellationToken) => Task.FromResult(store.Run(connection =>
    {
        const string Matching = "FROM books WHERE OwnerId = @owner AND (@category IS NULL OR Category = @category) AND (@contains IS NULL OR instr(NormalizedTitle, @contains) > 0)";
        var order = filter.SortOrder;
        var (key, keyValue) = order.Field switch
        {
            BookSortField.Title => ("NormalizedTitle", (object?)filter.After?.NormalizedTitle),
            BookSortField.UpdatedAt => ("UpdatedAt", filter.After is { } a ? Ticks(a.UpdatedAt) : null),
            _ => ("CreatedAt", filter.After is { } b ? Ticks(b.CreatedAt) : null),
        };
        var direction = order.Descending ? "DESC" : "ASC";
        var after = filter.After is null ? "" : $"AND ({key}, Id) {(order.Descending ? "<" : ">")} (@key, @afterId)";
        (string, object?)[] parameters =
        [
            ("@owner", ownerId.Value), ("@category", filter.Category),
            ("@contains", filter.TitleContains is null ? null : BookTitle.Normalize(filter.TitleContains)),
            ("@take", filter.PageSize), ("@skip", filter.Skip), ("@key", keyValue), ("@afterId", filter.After?.Id),
        ];
        var total = filter is { Category: null, TitleContains: null }
            ? SqliteLibrarySizes.Of(connection, ownerId.Value)
            : connection.Scalar<long>($"SELECT count(*) {Matching}", parameters);
        var items = connection.Query(
            $"SELECT {Columns} {Matching} {after} ORDER BY {key} {direction}, Id {direction} LIMIT @take OFFSET @skip", ToBook, parameters);
        return new PagedList<Book>(items, filter.Page, filter.PageSize, total);
    }));

    // One conditional statement: the row changes only if it is still the owner's, at the version read.
    public Task<long> UpdateAsync(Book book, CancellationToken cancellationToken)
    {
        var changed = store.Run(connection =>
        {
            try
            {
                var assignments = string.Join(", ", Columns.Split(", ").Skip(2).Select(c => $"{c} = @{c}"));
                return connection.Execute($"UPDATE books SET {assignments} WHERE Id = @Id AND OwnerId = @OwnerId AND Version = @ReadVersion",
                    [.. Parameters(book, book.Version + 1), ("@ReadVersion", book.Version)]);
            }
            catch (SqliteException ex) when (SqliteErrors.IsDuplicate(ex))
            {
                throw new DuplicateBookTitleException();
            }
        });
        if (changed == 0)
        {
            throw new BookChangedException();
        }

        return Task.FromResult(book.Version + 1);
    }

    public Task<bool> DeleteAsync(UserId ownerId, BookId id, long version, CancellationToken cancellationToken) => Task.FromResult(
        store.Run(connection => connection.Execute(
            "DELETE FROM books WHERE Id = @id AND OwnerId = @owner AND Version = @version", ("@id", id.Value), ("@owner", ownerId.Value), ("@version", version))) > 0);

    internal static void Insert(SqliteConnection connection, Book book) => connection.Execute(
        $"INSERT INTO books ({Columns}) VALUES ({string.Join(", ", Columns.Split(", ").Select(c => "@" + c))})", Parameters(book, book.Version));

    private static (string, object?)[] Parameters(Book book, long version) =>
    [
        ("@Id", book.Id.Value), ("@OwnerId", book.OwnerId.Value), ("@Title", book.Title), ("@NormalizedTitle", book.NormalizedTitle),
        ("@Description", book.Description), ("@Category", book.Category), ("@AuthorId", book.AuthorId?.Value),
        ("@CoverFileId", book.Cover?.Original.FileId), ("@CoverContentType", book.Cover?.Original.ContentType),
        ("@CoverETag", book.Cover?.Original.ETag), ("@CoverLength", book.Cover?.Original.Length),
        ("@ThumbnailFileId", book.Cover?.Thumbnail.FileId), ("@ThumbnailContentType", book.Cover?.Thumbnail.ContentType),
        ("@ThumbnailETag", book.Cover?.Thumbnail.ETag), ("@ThumbnailLength", book.Cover?.Thumbnail.Length),
        ("@CoverWidth", book.Cover?.Width), ("@CoverHeight", book.Cover?.Height),
        ("@CreatedAt", Ticks(book.CreatedAt)), ("@UpdatedAt", Ticks(book.UpdatedAt)), ("@Version", version),
    ];

    private static Book ToBook(SqliteDataReader row) => new(
        BookId.From(row.Text("Id")), UserId.From(row.Text("OwnerId")), row.Text("Title"), row.Text("Description"), row.Text("Category"),
        row.OptionalText("AuthorId") is { } authorId ? AuthorId.From(authorId) : null,
        row.OptionalText("CoverFileId") is null ? null : new Cover(
            new StoredImage(row.Text("CoverFileId"), row.Text("CoverContentType"), row.Text("CoverETag"), row.Integer("CoverLength")),
            new StoredImage(row.Text("ThumbnailFileId"), row.Text("ThumbnailContentType"), row.Text("ThumbnailETag"), row.Integer("ThumbnailLength")),
            (int)row.Integer("CoverWidth"), (int)row.Integer("CoverHeight")),
        row.Instant("CreatedAt"), row.Instant("UpdatedAt"), row.Integer("Version"));
}
