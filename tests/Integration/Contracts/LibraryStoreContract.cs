using CleanAuth.Application.Authors.Ports;
using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Domain.Authors;
using CleanAuth.Domain.Books;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Contracts;

/// <summary>What the book, author and cover stores must do, whatever keeps the data; run on each adapter.</summary>
public abstract class LibraryStoreContract
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private readonly ObjectIdGenerator _ids = new();

    protected abstract IBookRepository Books { get; }

    protected abstract IAuthorRepository Authors { get; }

    protected abstract ICoverStore Covers { get; }

    private string NewOwner() => _ids.NewId();

    private static Cover SomeCover() => new(
        new StoredImage("0123456789abcdef01234567", "image/png", "\"abc\"", 1234),
        new StoredImage("0123456789abcdef01234568", "image/jpeg", "\"def\"", 99), 600, 300);

    private Book NewBook(string ownerId, string title, string category = "science", string? authorId = null, int minutesAfterStart = 0) =>
        Book.Add(BookId.From(_ids.NewId()), UserId.From(ownerId), BookTitle.Create(title), "desc", BookCategory.Create(category), (authorId is { } __x ? AuthorId.From(__x) : null), SomeCover(), Start.AddMinutes(minutesAfterStart));

    [StoreFact]
    public async Task A_book_round_trips_with_every_field_and_only_for_its_owner()
    {
        var owner = NewOwner();
        var book = NewBook(owner, "  Round Trip ", authorId: _ids.NewId());

        (await Books.TryAddAsync(book, default)).Should().BeTrue();

        var found = await Books.FindAsync(UserId.From(owner), book.Id, default);
        found.Should().BeEquivalentTo(book);
        BookId.TryParse(book.Id.Value.ToUpperInvariant(), out var upper).Should().BeTrue("ids from routes are not case-sensitive");
        (await Books.FindAsync(UserId.From(owner), upper, default)).Should().NotBeNull();
        (await Books.FindAsync(UserId.From(NewOwner()), book.Id, default)).Should().BeNull();
        (await Books.FindAsync(UserId.From(owner), BookId.From(_ids.NewId()), default)).Should().BeNull();
    }

    [StoreFact]
    public async Task Titles_are_unique_per_owner_in_any_case()
    {
        var owner = NewOwner();
        (await Books.TryAddAsync(NewBook(owner, "Solaris"), default)).Should().BeTrue();

        (await Books.TitleExistsAsync(UserId.From(owner), BookTitle.Create(" SOLARIS "), null, default)).Should().BeTrue();
        (await Books.TryAddAsync(NewBook(owner, "solaris"), default)).Should().BeFalse();
        (await Books.TryAddAsync(NewBook(NewOwner(), "Solaris"), default)).Should().BeTrue();
    }

    [StoreFact]
    public async Task Title_exists_ignores_the_book_being_edited()
    {
        var owner = NewOwner();
        var book = NewBook(owner, "Mine");
        await Books.TryAddAsync(book, default);

        (await Books.TitleExistsAsync(UserId.From(owner), BookTitle.Create("mine"), book.Id, default)).Should().BeFalse();
        (await Books.TitleExistsAsync(UserId.From(owner), BookTitle.Create("mine"), (_ids.NewId() is { } __x ? BookId.From(__x) : null), default)).Should().BeTrue();
    }

    [StoreFact]
    public async Task Listing_is_owner_scoped_newest_first_paged_and_filtered()
    {
        var owner = NewOwner();
        var titles = new[] { ("Dune", "science"), ("Emma", "romance"), ("Dune Messiah", "science"), ("Dracula", "horror"), ("50% (off)", "poetry") };
        for (var i = 0; i < titles.Length; i++)
        {
            await Books.TryAddAsync(NewBook(owner, titles[i].Item1, titles[i].Item2, minutesAfterStart: i), default);
        }

        await Books.TryAddAsync(NewBook(NewOwner(), "Dune"), default);

        var first = await Books.ListAsync(UserId.From(owner), new BookFilter(null, null, 1, 2), default);
        var third = await Books.ListAsync(UserId.From(owner), new BookFilter(null, null, 3, 2), default);
        var science = await Books.ListAsync(UserId.From(owner), new BookFilter("science", null, 1, 20), default);
        var dune = await Books.ListAsync(UserId.From(owner), new BookFilter(null, "dUNE", 1, 20), default);
        var literal = await Books.ListAsync(UserId.From(owner), new BookFilter(null, "% (", 1, 20), default);
        var wildcard = await Books.ListAsync(UserId.From(owner), new BookFilter(null, "D_ne", 1, 20), default);

        first.Items.Select(b => b.Title).Should().Equal("50% (off)", "Dracula");
        first.TotalCount.Should().Be(5);
        third.Items.Select(b => b.Title).Should().Equal("Dune");
        science.Items.Select(b => b.Title).Should().Equal("Dune Messiah", "Dune");
        dune.Items.Select(b => b.Title).Should().Equal("Dune Messiah", "Dune");
        dune.TotalCount.Should().Be(2);
        literal.Items.Select(b => b.Title).Should().Equal("50% (off)");
        wildcard.Items.Should().BeEmpty("search text is matched literally");
    }

    [StoreFact]
    public async Task The_total_follows_adds_refused_duplicates_and_deletes()
    {
        var owner = NewOwner();
        var kept = NewBook(owner, "Kept");
        var doomed = NewBook(owner, "Doomed", minutesAfterStart: 1);
        await Books.TryAddAsync(kept, default);
        await Books.TryAddAsync(doomed, default);
        await Books.TryAddAsync(NewBook(NewOwner(), "Elsewhere"), default);

        (await Books.TryAddAsync(NewBook(owner, "KEPT"), default)).Should().BeFalse();
        (await Books.DeleteAsync(UserId.From(owner), doomed.Id, doomed.Version + 1, default)).Should().BeFalse();
        (await Books.DeleteAsync(UserId.From(NewOwner()), kept.Id, kept.Version, default)).Should().BeFalse();
        (await Books.ListAsync(UserId.From(owner), new BookFilter(null, null, 1, 20), default)).TotalCount.Should().Be(2);
        (await Books.DeleteAsync(UserId.From(owner), doomed.Id, doomed.Version, default)).Should().BeTrue();

        var after = await Books.ListAsync(UserId.From(owner), new BookFilter(null, null, 1, 20), default);
        after.TotalCount.Should().Be(1);
        after.Items.Select(b => b.Id).Should().Equal(kept.Id);
        (await Books.ListAsync(UserId.From(NewOwner()), new BookFilter(null, null, 1, 20), default)).TotalCount.Should().Be(0);
    }

    [StoreFact]
    public async Task An_update_stores_every_change_and_a_stale_one_is_refused()
    {
        var owner = NewOwner();
        var book = NewBook(owner, "Before");
        await Books.TryAddAsync(book, default);
        var first = (await Books.FindAsync(UserId.From(owner), book.Id, default))!;
        var second = (await Books.FindAsync(UserId.From(owner), book.Id, default))!;

        first.Edit(BookTitle.Create("After"), "new description", BookCategory.Create("horror"), (_ids.NewId() is { } __x ? AuthorId.From(__x) : null), Start.AddHours(1));
        first.ReplaceCover(SomeCover() with { Width = 10, Height = 20 }, Start.AddHours(1));
        var version = await Books.UpdateAsync(first, default);
        second.Edit(BookTitle.Create("Stale"), null, null, null, Start.AddHours(2));

        version.Should().Be(first.Version + 1, "the update returns the version it stored");
        var stored = (await Books.FindAsync(UserId.From(owner), book.Id, default))!;
        stored.Should().BeEquivalentTo(first, o => o.Excluding(b => b.Version));
        stored.Version.Should().Be(version);
        await ((Func<Task>)(() => Books.UpdateAsync(second, default))).Should().ThrowAsync<BookChangedException>();
        (await Books.FindAsync(UserId.From(owner), book.Id, default))!.Title.Should().Be("After");
    }

    [StoreFact]
    public async Task Delete_is_owner_scoped()
    {
        var owner = NewOwner();
        var book = NewBook(owner, "Doomed");
        await Books.TryAddAsync(book, default);

        (await Books.DeleteAsync(UserId.From(NewOwner()), book.Id, book.Version, default)).Should().BeFalse();
        (await Books.DeleteAsync(UserId.From(owner), book.Id, book.Version + 1, default)).Should().BeFalse("a stale or future version deletes nothing");
        (await Books.DeleteAsync(UserId.From(owner), book.Id, book.Version, default)).Should().BeTrue();
        (await Books.DeleteAsync(UserId.From(owner), book.Id, book.Version, default)).Should().BeFalse();
        (await Books.FindAsync(UserId.From(owner), book.Id, default)).Should().BeNull();
    }

    [StoreFact]
    public async Task Authors_are_owner_scoped_listed_by_name_and_deleted_only_without_references()
    {
        var owner = NewOwner();
        var zadie = Author.Create(AuthorId.From(_ids.NewId()), UserId.From(owner), PersonName.Create("Zadie Smith"), "UK", false, Start);
        var anne = Author.Create(AuthorId.From(_ids.NewId()), UserId.From(owner), PersonName.Create("Anne Carson"), null, false, Start);
        await Authors.AddAsync(zadie, default);
        await Authors.AddAsync(anne, default);
        await Authors.AddAsync(Author.Create(AuthorId.From(_ids.NewId()), UserId.From(NewOwner()), PersonName.Create("Someone Else"), "X", true, Start), default);

        (await Authors.ListAsync(UserId.From(owner), default)).Select(a => a.Name).Should().Equal("Anne Carson", "Zadie Smith");
        (await Authors.FindAsync(UserId.From(owner), zadie.Id, default)).Should().BeEquivalentTo(zadie);
        (await Authors.FindAsync(UserId.From(NewOwner()), zadie.Id, default)).Should().BeNull();

        (await Authors.TryAddReferenceAsync(UserId.From(owner), AuthorId.TryParse(zadie.Id.Value.ToUpperInvariant(), out var upper) ? upper : throw new InvalidOperationException(), default)).Should().BeTrue();
        (await Authors.TryAddReferenceAsync(UserId.From(owner), zadie.Id, default)).Should().BeTrue();
        (await Authors.TryAddReferenceAsync(UserId.From(NewOwner()), anne.Id, default)).Should().BeFalse("another owner's author takes no reference");
        (await Authors.TryAddReferenceAsync(UserId.From(owner), AuthorId.From(_ids.NewId()), default)).Should().BeFalse();

        (await Authors.DeleteAsync(UserId.From(owner), zadie.Id, default)).Should().Be(AuthorDeletion.Referenced);
        await Authors.ReleaseReferenceAsync(UserId.From(owner), zadie.Id, default);
        (await Authors.DeleteAsync(UserId.From(owner), zadie.Id, default)).Should().Be(AuthorDeletion.Referenced, "one reference is still held");
        await Authors.ReleaseReferenceAsync(UserId.From(NewOwner()), zadie.Id, default);
        (await Authors.DeleteAsync(UserId.From(owner), zadie.Id, default)).Should().Be(AuthorDeletion.Referenced, "another owner cannot release it");
        await Authors.ReleaseReferenceAsync(UserId.From(owner), zadie.Id, default);
        await Authors.ReleaseReferenceAsync(UserId.From(owner), zadie.Id, default); // never below zero
        (await Authors.TryAddReferenceAsync(UserId.From(owner), zadie.Id, default)).Should().BeTrue();
        (await Authors.DeleteAsync(UserId.From(owner), zadie.Id, default)).Should().Be(AuthorDeletion.Referenced, "a release below zero was ignored");
        await Authors.ReleaseReferenceAsync(UserId.From(owner), zadie.Id, default);
        (await Authors.DeleteAsync(UserId.From(owner), zadie.Id, default)).Should().Be(AuthorDeletion.Deleted);

        (await Authors.DeleteAsync(UserId.From(NewOwner()), anne.Id, default)).Should().Be(AuthorDeletion.NotFound);
        (await Authors.DeleteAsync(UserId.From(owner), anne.Id, default)).Should().Be(AuthorDeletion.Deleted);
        (await Authors.DeleteAsync(UserId.From(owner), anne.Id, default)).Should().Be(AuthorDeletion.NotFound);
        (await Authors.FindAsync(UserId.From(owner), anne.Id, default)).Should().BeNull();
        (await Authors.TryAddReferenceAsync(UserId.From(owner), anne.Id, default)).Should().BeFalse("a deleted author takes no reference");
    }

    [StoreFact]
    public async Task Authors_added_together_are_each_stored_for_their_owner_and_take_references()
    {
        var owner = NewOwner();
        var many = Enumerable.Range(0, 3)
            .Select(i => Author.Create(AuthorId.From(_ids.NewId()), UserId.From(owner), PersonName.Create($"Imported {i}"), null, false, Start.AddSeconds(i)))
            .ToList();

        await Authors.AddManyAsync(many, default);
        await Authors.AddManyAsync([], default);

        (await Authors.ListAsync(UserId.From(owner), default)).Should().BeEquivalentTo(many, o => o.WithStrictOrdering());
        (await Authors.FindAsync(UserId.From(NewOwner()), many[0].Id, default)).Should().BeNull();
        (await Authors.TryAddReferenceAsync(UserId.From(owner), many[2].Id, default)).Should().BeTrue();
        (await Authors.DeleteAsync(UserId.From(owner), many[2].Id, default)).Should().Be(AuthorDeletion.Referenced);
        (await Authors.DeleteAsync(UserId.From(owner), many[1].Id, default)).Should().Be(AuthorDeletion.Deleted);
    }

    [StoreFact]
    public async Task References_taken_together_count_each_author_and_name_the_authors_missing()
    {
        var owner = NewOwner();
        Author New(string who, string name) => Author.Create(AuthorId.From(_ids.NewId()), UserId.From(who), PersonName.Create(name), null, false, Start);
        var (twice, once, foreign) = (New(owner, "Twice"), New(owner, "Once"), New(NewOwner(), "Foreign"));
        await Authors.AddManyAsync([twice, once], default);
        await Authors.AddAsync(foreign, default);
        var ghost = AuthorId.From(_ids.NewId());

        var missing = await Authors.TryAddReferencesAsync(UserId.From(owner), new Dictionary<AuthorId, int> { [twice.Id] = 2, [once.Id] = 1, [ghost] = 3, [foreign.Id] = 1 }, default);

        missing.Should().BeEquivalentTo([ghost, foreign.Id]);
        (await Authors.TryAddReferencesAsync(UserId.From(owner), new Dictionary<AuthorId, int>(), default)).Should().BeEmpty();
        await Authors.ReleaseReferenceAsync(UserId.From(owner), twice.Id, default);
        (await Authors.DeleteAsync(UserId.From(owner), twice.Id, default)).Should().Be(AuthorDeletion.Referenced, "two references were taken");
        await Authors.ReleaseReferenceAsync(UserId.From(owner), twice.Id, default);
        (await Authors.DeleteAsync(UserId.From(owner), twice.Id, default)).Should().Be(AuthorDeletion.Deleted);
        (await Authors.DeleteAsync(UserId.From(owner), once.Id, default)).Should().Be(AuthorDeletion.Referenced);
        (await Authors.DeleteAsync(foreign.OwnerId, foreign.Id, default)).Should().Be(AuthorDeletion.Deleted, "another owner's author took no reference");
    }

    [StoreFact]
    public async Task References_taken_in_parallel_with_a_delete_either_all_win_or_the_delete_does()
    {
        var owner = NewOwner();
        for (var round = 0; round < 10; round++)
        {
            var author = Author.Create(AuthorId.From(_ids.NewId()), UserId.From(owner), PersonName.Create($"Racer {round}"), "UK", false, Start);
            await Authors.AddAsync(author, default);
            using var gate = new SemaphoreSlim(0);
            var references = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            {
                await gate.WaitAsync();
                return await Authors.TryAddReferenceAsync(UserId.From(owner), author.Id, default);
            })).ToList();
            var delete = Task.Run(async () =>
            {
                await gate.WaitAsync();
                return await Authors.DeleteAsync(UserId.From(owner), author.Id, default);
            });
            gate.Release(references.Count + 1);

            var taken = (await Task.WhenAll(references)).Count(t => t);
            var deleted = await delete;

            // Every reference taken must be counted: the author stays until exactly that many are given back.
            if (deleted == AuthorDeletion.Deleted)
            {
                taken.Should().Be(0, "no reference may be taken on an author that was deleted");
                continue;
            }

            deleted.Should().Be(AuthorDeletion.Referenced);
            taken.Should().BeGreaterThan(0);
            for (var i = 0; i < taken; i++)
            {
                (await Authors.DeleteAsync(UserId.From(owner), author.Id, default)).Should().Be(AuthorDeletion.Referenced);
                await Authors.ReleaseReferenceAsync(UserId.From(owner), author.Id, default);
            }

            (await Authors.DeleteAsync(UserId.From(owner), author.Id, default)).Should().Be(AuthorDeletion.Deleted);
        }
    }

    [StoreFact]
    public async Task Batched_references_in_parallel_with_a_delete_either_all_win_or_the_delete_does()
    {
        var owner = NewOwner();
        for (var round = 0; round < 10; round++)
        {
            var author = Author.Create(AuthorId.From(_ids.NewId()), UserId.From(owner), PersonName.Create($"Batch racer {round}"), null, false, Start);
            await Authors.AddAsync(author, default);
            using var gate = new SemaphoreSlim(0);
            var batches = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                await gate.WaitAsync();
                return await Authors.TryAddReferencesAsync(UserId.From(owner), new Dictionary<AuthorId, int> { [author.Id] = 3 }, default);
            })).ToList();
            var delete = Task.Run(async () =>
            {
                await gate.WaitAsync();
                return await Authors.DeleteAsync(UserId.From(owner), author.Id, default);
            });
            gate.Release(batches.Count + 1);

            var taken = 3 * (await Task.WhenAll(batches)).Count(missing => missing.Count == 0);
            var deleted = await delete;

            if (deleted == AuthorDeletion.Deleted)
            {
                taken.Should().Be(0, "no reference may be taken on an author that was deleted");
                continue;
            }

            deleted.Should().Be(AuthorDeletion.Referenced);
            for (var i = 0; i < taken; i++)
            {
                (await Authors.DeleteAsync(UserId.From(owner), author.Id, default)).Should().Be(AuthorDeletion.Referenced, "every reference taken is counted");
                await Authors.ReleaseReferenceAsync(UserId.From(owner), author.Id, default);
            }

            (await Authors.DeleteAsync(UserId.From(owner), author.Id, default)).Should().Be(AuthorDeletion.Deleted, "no reference was counted that was not taken");
        }
    }

    [StoreFact]
    public async Task Parallel_references_and_releases_lose_no_count()
    {
        var owner = NewOwner();
        var author = Author.Create(AuthorId.From(_ids.NewId()), UserId.From(owner), PersonName.Create("Counted"), "UK", false, Start);
        await Authors.AddAsync(author, default);
        using var gate = new SemaphoreSlim(0);
        var calls = Enumerable.Range(0, 24).Select(i => Task.Run(async () =>
        {
            await gate.WaitAsync();
            (await Authors.TryAddReferenceAsync(UserId.From(owner), author.Id, default)).Should().BeTrue();
            if (i % 2 == 0)
            {
                await Authors.ReleaseReferenceAsync(UserId.From(owner), author.Id, default);
            }
        })).ToList();
        gate.Release(calls.Count);
        await Task.WhenAll(calls);

        for (var i = 0; i < 12; i++)
        {
            (await Authors.DeleteAsync(UserId.From(owner), author.Id, default)).Should().Be(AuthorDeletion.Referenced, $"{12 - i} references are left");
            await Authors.ReleaseReferenceAsync(UserId.From(owner), author.Id, default);
        }

        (await Authors.DeleteAsync(UserId.From(owner), author.Id, default)).Should().Be(AuthorDeletion.Deleted);
    }

    [StoreFact]
    public async Task Cover_files_round_trip_byte_for_byte_and_deleting_is_idempotent()
    {
        var content = TestImages.Png(64, 32);

        var fileId = await Covers.SaveAsync(content, "image/png", default);

        fileId.Should().MatchRegex("^[0-9a-f]{24}$");
        await using (var stream = await Covers.OpenAsync(fileId, default))
        {
            using var copy = new MemoryStream();
            await stream!.CopyToAsync(copy);
            copy.ToArray().Should().Equal(content);
        }

        await Covers.DeleteAsync(fileId, default);
        await Covers.DeleteAsync(fileId, default);
        (await Covers.OpenAsync(fileId, default)).Should().BeNull();
        (await Covers.OpenAsync("not-an-id", default)).Should().BeNull();
    }

    [StoreFact]
    public async Task Of_parallel_updates_at_one_version_exactly_one_is_stored()
    {
        var owner = NewOwner();
        var book = NewBook(owner, "Contended");
        (await Books.TryAddAsync(book, default)).Should().BeTrue();
        var copies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Books.FindAsync(UserId.From(owner), book.Id, default)));

        var results = await Task.WhenAll(copies.Select(async (copy, i) =>
        {
            copy!.Edit(BookTitle.Create($"Edit {i}"), null, null, null, Start.AddMinutes(1));
            try
            {
                return (long?)await Task.Run(() => Books.UpdateAsync(copy, default));
            }
            catch (BookChangedException)
            {
                return null;
            }
        }));

        results.Should().ContainSingle(version => version != null).Which.Should().Be(book.Version + 1);
        (await Books.FindAsync(UserId.From(owner), book.Id, default))!.Version.Should().Be(book.Version + 1);
    }

    [StoreFact]
    public async Task A_book_without_a_cover_round_trips_and_an_update_adds_one()
    {
        var owner = NewOwner();
        var book = Book.Add(BookId.From(_ids.NewId()), UserId.From(owner), BookTitle.Create("No cover"), "", BookCategory.Create("poetry"), null, null, Start);
        (await Books.TryAddAsync(book, default)).Should().BeTrue();

        var found = await Books.FindAsync(UserId.From(owner), book.Id, default);
        found!.Cover.Should().BeNull();
        found.ReplaceCover(SomeCover(), Start.AddMinutes(1));
        var version = await Books.UpdateAsync(found, default);
        var stored = (await Books.FindAsync(UserId.From(owner), book.Id, default))!;
        stored.Cover.Should().Be(SomeCover());
        stored.Version.Should().Be(version).And.Be(found.Version + 1);
    }

    [StoreFact]
    public async Task An_import_batch_stores_each_book_in_or_out_and_counts_the_author()
    {
        var owner = NewOwner();
        var author = Author.Create(AuthorId.From(_ids.NewId()), UserId.From(owner), PersonName.Create("Imported Author"), null, false, Start);
        await Authors.AddAsync(author, default);
        (await Books.TryAddAsync(NewBook(owner, "Already here"), default)).Should().BeTrue();
        Book Coverless(string title, AuthorId? authorId) =>
            Book.Add(BookId.From(_ids.NewId()), UserId.From(owner), BookTitle.Create(title), "", BookCategory.Create("science"), authorId, null, Start);

        var outcomes = await Books.ImportAsync(
            [Coverless("New one", author.Id), Coverless("ALREADY HERE", author.Id), Coverless("Ghost's", AuthorId.From(_ids.NewId())), Coverless("Another", null)], default);

        outcomes.Should().Equal(ImportOutcome.Stored, ImportOutcome.TitleTaken, ImportOutcome.NoSuchAuthor, ImportOutcome.Stored);
        (await Books.ListAsync(UserId.From(owner), new BookFilter(null, null, 1, 20), default)).TotalCount.Should().Be(3);
        (await Authors.DeleteAsync(UserId.From(owner), author.Id, default)).Should().Be(AuthorDeletion.Referenced);
        await Authors.ReleaseReferenceAsync(UserId.From(owner), author.Id, default);
        (await Authors.DeleteAsync(UserId.From(owner), author.Id, default)).Should().Be(AuthorDeletion.Deleted, "exactly one reference was taken");
    }

    [StoreFact]
    public async Task Keyset_pages_walk_every_order_without_gaps_or_repeats()
    {
        var owner = NewOwner();
        string[] titles = ["delta", "Alpha", "charlie", "Bravo", "echo"];
        for (var i = 0; i < titles.Length; i++)
        {
            (await Books.TryAddAsync(NewBook(owner, titles[i], minutesAfterStart: i), default)).Should().BeTrue();
        }

        async Task<List<string>> Walk(BookOrder order)
        {
            var seen = new List<string>();
            BookPosition? after = null;
            while (true)
            {
                var page = await Books.ListAsync(UserId.From(owner), new BookFilter(null, null, 1, 2, order, after), default);
                seen.AddRange(page.Items.Select(b => b.Title));
                if (page.Items.Count < 2)
                {
                    return seen;
                }

                after = BookPosition.Of(page.Items[^1]);
            }
        }

        (await Walk(new BookOrder(BookSortField.Title, false))).Should().Equal("Alpha", "Bravo", "charlie", "delta", "echo");
        (await Walk(new BookOrder(BookSortField.Title, true))).Should().Equal("echo", "delta", "charlie", "Bravo", "Alpha");
        (await Walk(new BookOrder(BookSortField.CreatedAt, false))).Should().Equal(titles);
        (await Walk(BookOrder.Default)).Should().Equal(titles.AsEnumerable().Reverse());
        (await Walk(new BookOrder(BookSortField.UpdatedAt, true))).Should().Equal(titles.AsEnumerable().Reverse());
    }
}
