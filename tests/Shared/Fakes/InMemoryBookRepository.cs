using CleanAuth.Application.Authors.Ports;
using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Application.Common.Models;
using CleanAuth.Domain.Books;
using CleanAuth.Domain.Users;

namespace CleanAuth.Tests.Fakes;

/// <summary>
/// An in-memory <see cref="IBookRepository"/> that keeps the port's contract: every read and write is
/// scoped to one owner, one normalized title per owner, optimistic updates, newest first. It stores and
/// hands out copies, so a change a handler makes to a book is only visible once it went through
/// <see cref="UpdateAsync"/>. Failures can be injected to test what a handler leaves behind.
/// </summary>
public sealed class InMemoryBookRepository : IBookRepository
{
    private readonly Dictionary<BookId, Book> _byId = [];
    private readonly Lock _gate = new();
    private Exception? _failNextAdd;
    private bool _refuseNextAdd;
    private Exception? _failNextUpdate;

    /// <summary>Runs inside <see cref="UpdateAsync"/> before the version check, e.g. to simulate a concurrent writer.</summary>
    public Action<Book>? BeforeUpdate { get; set; }

    /// <summary>Runs just before a delete takes effect, with the id: lets a test change the book in between.</summary>
    public Action<BookId>? BeforeDelete { get; set; }

    /// <summary>The filters <see cref="ListAsync"/> was called with, in order.</summary>
    public List<(UserId OwnerId, BookFilter Filter)> ListCalls { get; } = [];

    public int AddCalls { get; private set; }

    public int UpdateCalls { get; private set; }

    public int DeleteCalls { get; private set; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byId.Count;
            }
        }
    }

    /// <summary>The next <see cref="TryAddAsync"/> throws <paramref name="exception"/> and stores nothing.</summary>
    public void FailNextAdd(Exception? exception = null) => _failNextAdd = exception ?? new InvalidOperationException("Simulated insert failure.");

    /// <summary>The next <see cref="TryAddAsync"/> answers false (as a title stored by a concurrent request would make it).</summary>
    public void RefuseNextAdd() => _refuseNextAdd = true;

    /// <summary>The next <see cref="UpdateAsync"/> throws <paramref name="exception"/> and stores nothing.</summary>
    public void FailNextUpdate(Exception? exception = null) =>
        _failNextUpdate = exception ?? new BookChangedException();

    public Task<bool> TryAddAsync(Book book, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            AddCalls++;
            if (Take(ref _failNextAdd) is { } failure)
            {
                throw failure;
            }

            if (_refuseNextAdd)
            {
                _refuseNextAdd = false;
                return Task.FromResult(false);
            }

            if (_byId.ContainsKey(book.Id) || TitleTaken(book.OwnerId, book.NormalizedTitle, null))
            {
                return Task.FromResult(false);
            }

            _byId[book.Id] = Copy(book, book.Version);
            return Task.FromResult(true);
        }
    }

    public Task<Book?> FindAsync(UserId ownerId, BookId id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_byId.TryGetValue(id, out var stored) && stored.OwnerId == ownerId
                ? Copy(stored, stored.Version)
                : null);
        }
    }

    public Task<bool> TitleExistsAsync(UserId ownerId, BookTitle title, BookId? exceptBookId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(TitleTaken(ownerId, title.Normalized, exceptBookId));
        }
    }

    public Task<PagedList<Book>> ListAsync(UserId ownerId, BookFilter filter, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ListCalls.Add((ownerId, filter));
            var matching = _byId.Values
                .Where(b => b.OwnerId == ownerId)
                .Where(b => filter.Category is null || b.Category == filter.Category)
                .Where(b => filter.TitleContains is null
                    || b.NormalizedTitle.Contains(BookTitle.Normalize(filter.TitleContains), StringComparison.Ordinal))
                .Where(b => filter.After is null || Compare(b, filter.After, filter.SortOrder) > 0)
                .Order(Comparer<Book>.Create((x, y) => Compare(x, BookPosition.Of(y), filter.SortOrder)))
                .ToList();
            IReadOnlyList<Book> items =
                [.. matching.Skip((int)Math.Min(filter.Skip, int.MaxValue)).Take(filter.PageSize).Select(b => Copy(b, b.Version))];
            return Task.FromResult(new PagedList<Book>(items, filter.Page, filter.PageSize, matching.Count));
        }
    }

    // Where the book comes relative to the position in the order: positive after it. Titles compare ordinal on their
    // normalized form, as the stores do (SQLite BINARY and MongoDB both compare UTF-8 bytes).
    private static int Compare(Book book, BookPosition position, BookOrder order)
    {
        var byKey = order.Field switch
        {
            BookSortField.Title => string.CompareOrdinal(book.NormalizedTitle, position.NormalizedTitle),
            BookSortField.UpdatedAt => book.UpdatedAt.CompareTo(position.UpdatedAt),
            _ => book.CreatedAt.CompareTo(position.CreatedAt),
        };
        var result = byKey != 0 ? byKey : string.CompareOrdinal(book.Id.Value, position.Id);
        return order.Descending ? -result : result;
    }

    /// <summary>The authors whose references an import takes; an import naming an author needs it.</summary>
    public IAuthorRepository? Authors { get; init; }

    public async Task<IReadOnlyList<ImportOutcome>> ImportAsync(IReadOnlyList<Book> books, CancellationToken cancellationToken)
    {
        var outcomes = new List<ImportOutcome>();
        foreach (var book in books)
        {
            if (book.AuthorId is { } author && (Authors is null || !await Authors.TryAddReferenceAsync(book.OwnerId, author, cancellationToken)))
            {
                outcomes.Add(ImportOutcome.NoSuchAuthor);
                continue;
            }

            var stored = await TryAddAsync(book, cancellationToken);
            if (!stored && book.AuthorId is { } named)
            {
                await Authors!.ReleaseReferenceAsync(book.OwnerId, named, cancellationToken);
            }

            outcomes.Add(stored ? ImportOutcome.Stored : ImportOutcome.TitleTaken);
        }

        return outcomes;
    }

    public Task<long> UpdateAsync(Book book, CancellationToken cancellationToken)
    {
        BeforeUpdate?.Invoke(book);
        lock (_gate)
        {
            UpdateCalls++;
            if (Take(ref _failNextUpdate) is { } failure)
            {
                throw failure;
            }

            if (!_byId.TryGetValue(book.Id, out var stored) || stored.OwnerId != book.OwnerId || stored.Version != book.Version)
            {
                throw new BookChangedException();
            }

            if (TitleTaken(book.OwnerId, book.NormalizedTitle, book.Id))
            {
                throw new DuplicateBookTitleException();
            }

            _byId[book.Id] = Copy(book, book.Version + 1);
            return Task.FromResult(book.Version + 1);
        }
    }

    public Task<bool> DeleteAsync(UserId ownerId, BookId id, long version, CancellationToken cancellationToken)
    {
        BeforeDelete?.Invoke(id);
        lock (_gate)
        {
            DeleteCalls++;
            return Task.FromResult(_byId.TryGetValue(id, out var stored) && stored.OwnerId == ownerId
                && stored.Version == version && _byId.Remove(id));
        }
    }

    /// <summary>Stores a book directly (test arrangement), bypassing the uniqueness check.</summary>
    public Book Seed(Book book)
    {
        lock (_gate)
        {
            _byId[book.Id] = Copy(book, book.Version);
        }

        return book;
    }

    /// <summary>A copy of what is stored now, or null; whoever owns it.</summary>
    public Book? Stored(BookId id)
    {
        lock (_gate)
        {
            return _byId.TryGetValue(id, out var stored) ? Copy(stored, stored.Version) : null;
        }
    }

    /// <summary>Acts as another request that saved the book in the meantime: the stored version moves on.</summary>
    public void SimulateConcurrentWrite(BookId id, Action<Book>? change = null)
    {
        lock (_gate)
        {
            var stored = Copy(_byId[id], _byId[id].Version);
            change?.Invoke(stored);
            _byId[id] = Copy(stored, stored.Version + 1);
        }
    }

    private static Exception? Take(ref Exception? failure)
    {
        var taken = failure;
        failure = null;
        return taken;
    }

    private bool TitleTaken(UserId ownerId, string normalizedTitle, BookId? exceptBookId) =>
        _byId.Values.Any(b => b.OwnerId == ownerId && b.NormalizedTitle == normalizedTitle && b.Id != exceptBookId);

    private static Book Copy(Book book, long version) => new(
        book.Id,
        book.OwnerId,
        book.Title,
        book.Description,
        book.Category,
        book.AuthorId,
        book.Cover,
        book.CreatedAt,
        book.UpdatedAt,
        version);
}
