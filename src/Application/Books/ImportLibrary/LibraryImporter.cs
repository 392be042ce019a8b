using CleanAuth.Application.Authors.Ports;
using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Authors;
using CleanAuth.Domain.Books;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Books.ImportLibrary;

/// <summary>
/// Turns rows into books and stores them a batch at a time (ADR 0057): a row is in or out on its own, a bad row never
/// stops the good ones, a title the user already has (or one earlier in the file) is skipped, so importing twice
/// changes nothing. Authors are matched by name ignoring case, else created: a batch's new authors in one write
/// before its books (one durable commit a batch, not one a name, ADR 0062).
/// </summary>
public sealed class LibraryImporter(IBookRepository books, IAuthorRepository authors, IIdGenerator ids, TimeProvider timeProvider)
{
    public const int BatchSize = 500;
    public const int MaxReportedErrors = 1000;

    public async Task<ImportReport> ImportAsync(UserId ownerId, IReadOnlyList<LibraryCsvRow> rows, string? defaultCategory, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, AuthorId>(StringComparer.OrdinalIgnoreCase);
        foreach (var author in await authors.ListAsync(ownerId, cancellationToken))
        {
            names.TryAdd(author.Name, author.Id); // The first of two with one name, in the list's order.
        }

        var created = new HashSet<AuthorId>(); // Authors this import made; kept only if a stored book names them.
        var fallback = BookCategory.Find(defaultCategory);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var errors = new List<ImportRowError>();
        var (imported, skipped, failed) = (0, 0, 0);
        foreach (var batch in rows.Chunk(BatchSize))
        {
            var pending = new List<(int Row, Book Book)>();
            var made = new List<Author>(); // This batch's new authors, stored in one write before its books.
            foreach (var row in batch)
            {
                var error = Check(row, fallback);
                if (error is null && !seen.Add(BookTitle.Normalize(row.Title)))
                {
                    skipped++;
                    continue;
                }

                var authorId = error is null ? AuthorOf(ownerId, row.Author, names, made, created) : null;
                if (error is null && authorId is { Error: { } authorError })
                {
                    error = new ImportRowError(row.Row, "author", authorError);
                }

                if (error is not null)
                {
                    failed++;
                    Note(errors, error);
                    continue;
                }

                pending.Add((row.Row, Book.Add(ids.NewBookId(), ownerId, BookTitle.Create(row.Title), row.Description,
                    CategoryOf(row) ?? fallback!, authorId?.Id, cover: null, timeProvider.GetUtcNow())));
            }

            IReadOnlyList<ImportOutcome> outcomes;
            try
            {
                if (made.Count > 0)
                {
                    await authors.AddManyAsync(made, cancellationToken);
                }

                outcomes = await books.ImportAsync([.. pending.Select(p => p.Book)], cancellationToken);
            }
            catch (StorageUnavailableException)
            {
                // The batches before are stored; this one is not (one transaction; at most its new authors, unnamed).
                // The client retries from here.
                return new ImportReport(imported, skipped, failed, errors, batch[0].Row, []);
            }

            created.ExceptWith(pending.Where((_, i) => outcomes[i] == ImportOutcome.Stored).Select(p => p.Book.AuthorId).OfType<AuthorId>());

            for (var i = 0; i < outcomes.Count; i++)
            {
                switch (outcomes[i])
                {
                    case ImportOutcome.Stored: imported++; break;
                    case ImportOutcome.TitleTaken: skipped++; break;
                    default: failed++; Note(errors, new ImportRowError(pending[i].Row, "author", "The author was deleted meanwhile.")); break;
                }
            }
        }

        // An author made for rows that were all skipped (a title the user had, or one a parallel import stored first)
        // names no book: it goes again, only at zero references, so one a book names meanwhile stays.
        foreach (var orphan in created)
        {
            await authors.DeleteAsync(ownerId, orphan, CancellationToken.None);
        }

        return new ImportReport(imported, skipped, failed, errors, null, []);
    }

    /// <summary>Shelves name a category ignoring case, with <c>-</c> and <c>_</c> read as spaces (<c>picture-book</c>).</summary>
    public static BookCategory? CategoryOf(LibraryCsvRow row) =>
        BookCategory.Find(row.Category) ?? row.Shelves.Select(s => BookCategory.Find(s.Replace('-', ' ').Replace('_', ' '))).FirstOrDefault(c => c is not null);

    private static ImportRowError? Check(LibraryCsvRow row, BookCategory? fallback)
    {
        if (BookTitle.Validate(row.Title) is { } title)
        {
            return new(row.Row, "title", title);
        }

        if (row.Description.Trim().Length > BookRules.MaxDescriptionLength)
        {
            return new(row.Row, "description", $"Description must be at most {BookRules.MaxDescriptionLength} characters.");
        }

        return CategoryOf(row) is null && fallback is null
            ? new(row.Row, "category", $"No shelf names a category and no defaultCategory was given; categories: {string.Join(", ", BookCategory.All)}.")
            : null;
    }

    // The author's id (null for none), or why the name is not one. A new author joins the batch's created ones.
    private (AuthorId? Id, string? Error)? AuthorOf(
        UserId ownerId, string name, Dictionary<string, AuthorId> names, List<Author> made, HashSet<AuthorId> created)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var key = name.Trim();
        if (names.TryGetValue(key, out var id))
        {
            return (id, null);
        }

        if (PersonName.Validate(key) is { } error)
        {
            return (null, error);
        }

        var author = Author.Create(ids.NewAuthorId(), ownerId, PersonName.Create(key), null, false, timeProvider.GetUtcNow());
        made.Add(author);
        created.Add(author.Id);
        names[key] = author.Id;
        return (author.Id, null);
    }

    private static void Note(List<ImportRowError> errors, ImportRowError error)
    {
        if (errors.Count < MaxReportedErrors)
        {
            errors.Add(error);
        }
    }
}
