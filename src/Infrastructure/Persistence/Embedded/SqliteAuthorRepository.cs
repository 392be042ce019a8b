using CleanAuth.Application.Authors.Ports;
using CleanAuth.Domain.Authors;
using CleanAuth.Domain.Users;
using Microsoft.Data.Sqlite;
using static CleanAuth.Infrastructure.Persistence.Embedded.SqliteCommands;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

public sealed class SqliteAuthorRepository(SqliteStore store) : IAuthorRepository
{
    private const string Columns = "Id, OwnerId, Name, Country, BookerPrize, CreatedAt";

    public Task AddAsync(Author author, CancellationToken cancellationToken)
    {
        store.Run(connection => Insert(connection, author));
        return Task.CompletedTask;
    }

    public Task AddManyAsync(IReadOnlyList<Author> authors, CancellationToken cancellationToken)
    {
        store.InTransaction((connection, _) => authors.Sum(author => Insert(connection, author)));
        return Task.CompletedTask;
    }

    internal static int Insert(SqliteConnection connection, Author author) => connection.Execute(
        $"INSERT INTO authors ({Columns}) VALUES (@id, @owner, @name, @country, @booker, @created)",
        ("@id", author.Id.Value), ("@owner", author.OwnerId.Value), ("@name", author.Name), ("@country", author.Country),
        ("@booker", author.BookerPrize), ("@created", Ticks(author.CreatedAt)));

    public Task<Author?> FindAsync(UserId ownerId, AuthorId id, CancellationToken cancellationToken) => Task.FromResult(
        store.Run(connection => connection.QuerySingle(
            $"SELECT {Columns} FROM authors WHERE Id = @id AND OwnerId = @owner", ToAuthor, ("@id", id.Value), ("@owner", ownerId.Value))));

    // Sorted here, by UTF-16 code units as MongoDB's adapter does; SQLite's BINARY collation orders UTF-8 bytes.
    public Task<IReadOnlyList<Author>> ListAsync(UserId ownerId, CancellationToken cancellationToken) => Task.FromResult(store.Run(connection =>
        (IReadOnlyList<Author>)[.. connection.Query($"SELECT {Columns} FROM authors WHERE OwnerId = @owner", ToAuthor, ("@owner", ownerId.Value))
            .OrderBy(a => a.Name, StringComparer.Ordinal).ThenBy(a => a.Id.Value, StringComparer.Ordinal)]));

    public Task<bool> TryAddReferenceAsync(UserId ownerId, AuthorId id, CancellationToken cancellationToken) => Task.FromResult(
        store.Run(connection => connection.Execute(
            "UPDATE authors SET Books = Books + 1 WHERE Id = @id AND OwnerId = @owner", ("@id", id.Value), ("@owner", ownerId.Value))) == 1);

    public Task ReleaseReferenceAsync(UserId ownerId, AuthorId id, CancellationToken cancellationToken)
    {
        store.Run(connection => connection.Execute(
            "UPDATE authors SET Books = Books - 1 WHERE Id = @id AND OwnerId = @owner AND Books > 0", ("@id", id.Value), ("@owner", ownerId.Value)));
        return Task.CompletedTask;
    }

    public Task<IReadOnlySet<AuthorId>> TryAddReferencesAsync(UserId ownerId, IReadOnlyDictionary<AuthorId, int> counts, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<AuthorId>>(store.InTransaction((connection, _) => counts.Where(c => connection.Execute(
            "UPDATE authors SET Books = Books + @count WHERE Id = @id AND OwnerId = @owner", ("@id", c.Key.Value), ("@owner", ownerId.Value), ("@count", c.Value)) == 0)
            .Select(c => c.Key).ToHashSet()));

    public Task ReleaseReferencesAsync(UserId ownerId, AuthorId id, int count, CancellationToken cancellationToken)
    {
        store.Run(connection => connection.Execute(
            "UPDATE authors SET Books = max(Books - @count, 0) WHERE Id = @id AND OwnerId = @owner", ("@id", id.Value), ("@owner", ownerId.Value), ("@count", count)));
        return Task.CompletedTask;
    }

    // The conditional DELETE decides; the read after a refusal only picks the answer (404 or 409).
    public Task<AuthorDeletion> DeleteAsync(UserId ownerId, AuthorId id, CancellationToken cancellationToken) => Task.FromResult(
        store.Run(connection =>
            connection.Execute("DELETE FROM authors WHERE Id = @id AND OwnerId = @owner AND Books = 0", ("@id", id.Value), ("@owner", ownerId.Value)) == 1
                ? AuthorDeletion.Deleted
                : connection.Scalar<long>("SELECT EXISTS (SELECT 1 FROM authors WHERE Id = @id AND OwnerId = @owner)", ("@id", id.Value), ("@owner", ownerId.Value)) == 1
                    ? AuthorDeletion.Referenced
                    : AuthorDeletion.NotFound));

    private static Author ToAuthor(SqliteDataReader row) => new(
        AuthorId.From(row.Text("Id")), UserId.From(row.Text("OwnerId")), row.Text("Name"), row.Text("Country"), row.Integer("BookerPrize") != 0, row.Instant("CreatedAt"));
}
