using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Application.Common.Email;
using CleanAuth.Domain.Books;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Email;
using CleanAuth.Infrastructure.Persistence;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Contracts;

/// <summary>What every <see cref="IAccountErasure"/> must do (ADR 0055), on each store and on the fakes.</summary>
public abstract class AccountErasureContract
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 10, 30, 15, 123, TimeSpan.Zero);
    private readonly ObjectIdGenerator _ids = new();

    protected abstract IUserRepository Users { get; }

    protected abstract IAccountErasure Erasure { get; }

    protected abstract ICallerStore Callers { get; }

    protected abstract IBookRepository Books { get; }

    protected abstract ICoverStore Covers { get; }

    protected abstract IRefreshTokenStore Tokens { get; }

    protected abstract IEmailOutbox Outbox { get; }

    protected abstract IOutboxQueue Queue { get; }

    [StoreFact]
    public async Task A_marked_account_is_found_by_no_user_read_and_is_not_marked_twice()
    {
        var user = await AddUserAsync();

        (await Erasure.TryMarkAsync(user.Id, Now, default)).Should().Be(ErasureMark.Marked);

        (await Users.FindByIdAsync(user.Id, default)).Should().BeNull();
        (await Users.FindByEmailAsync(user.Email, default)).Should().BeNull();
        (await Callers.FindAsync(user.Id, null, default)).Should().BeNull("the per-request read finds no caller either");
        (await Callers.FindAsync(user.Id, _ids.NewId(), default)).Should().BeNull();
        (await Users.ListAsync(1, 1000, null, default)).Items.Should().NotContain(u => u.Id == user.Id);
        var marked = (await Erasure.FindMarkedAsync(1000, default)).Should().ContainSingle(u => u.Id == user.Id).Subject;
        marked.Email.Should().Be(user.Email);
        marked.IsDisabled.Should().BeTrue();
        marked.SecurityStamp.Should().NotBe(user.SecurityStamp, "every token of the account dies with the mark");
        (await Erasure.TryMarkAsync(user.Id, Now, default)).Should().Be(ErasureMark.NotFound);
        (await Erasure.TryMarkAsync(UserId.From(_ids.NewId()), Now, default)).Should().Be(ErasureMark.NotFound);
    }

    [UniqueIndexFact]
    public async Task A_marked_account_keeps_its_address_until_it_is_erased()
    {
        var user = await AddUserAsync();

        (await Erasure.TryMarkAsync(user.Id, Now, default)).Should().Be(ErasureMark.Marked);

        (await Users.TryAddAsync(NewUser(user.Email), default)).Should().BeFalse("the address is the account's until it is erased");
    }

    [StoreFact]
    public async Task Of_parallel_marks_of_every_active_administrator_all_but_one_pass()
    {
        await AddUserAsync(admin: true);
        await AddUserAsync(admin: true);
        var admins = (await Users.ListAsync(1, 10_000, null, default)).Items.Where(u => u.IsActiveAdmin).ToList();
        using var gate = new SemaphoreSlim(0);
        var marks = admins.Select(a => Task.Run(async () =>
        {
            await gate.WaitAsync();
            return await Erasure.TryMarkAsync(a.Id, Now, default);
        })).ToList();
        gate.Release(marks.Count);
        var outcomes = await Task.WhenAll(marks);

        outcomes.Count(o => o == ErasureMark.Marked).Should().Be(admins.Count - 1);
        outcomes.Should().ContainSingle(o => o == ErasureMark.LastActiveAdministrator);
        (await Users.CountActiveAdminsAsync(default)).Should().Be(1);
    }

    [StoreFact]
    public async Task Erasing_deletes_the_library_and_sessions_then_the_account_with_one_notice_and_frees_the_address()
    {
        var user = await AddUserAsync();
        var other = await AddUserAsync();
        var mine = await AddBookAsync(user.Id);
        var theirs = await AddBookAsync(other.Id);
        await Tokens.StartSessionAsync(NewToken(user.Id), default);
        await Outbox.EnqueueAsync(new EmailMessage("PasswordReset", user.Email, "", "Reset", "code", "code"), default);

        (await Erasure.TryMarkAsync(user.Id, Now, default)).Should().Be(ErasureMark.Marked);
        for (var run = 0; run < 2; run++)
        {
            // Twice, as a crash and the sweep after it would run the steps.
            await Erasure.DeleteOwnedDataAsync(user, default);
            await Erasure.DeleteAccountAsync(user.Id, AccountEmails.Erased(user), default);
        }

        (await Books.ListAsync(user.Id, new BookFilter(null, null, 1, 100), default)).Items.Should().BeEmpty();
        (await Covers.OpenAsync(mine.Cover!.Original.FileId, default)).Should().BeNull();
        (await Covers.OpenAsync(mine.Cover!.Thumbnail.FileId, default)).Should().BeNull();
        (await Tokens.ListSessionsAsync(user.Id, Now, default)).Should().BeEmpty();
        (await Books.FindAsync(other.Id, theirs.Id, default)).Should().NotBeNull("another account's library stays");
        await using (var cover = await Covers.OpenAsync(theirs.Cover!.Original.FileId, default))
        {
            cover.Should().NotBeNull();
        }

        (await Erasure.FindMarkedAsync(1000, default)).Should().NotContain(u => u.Id == user.Id);
        var waiting = (await Queue.ClaimDueAsync(DateTimeOffset.UtcNow.AddYears(1), TimeSpan.FromMinutes(1), 10_000, default))
            .Where(e => e.Message.ToAddress == user.Email).ToList();
        waiting.Should().ContainSingle("mail waiting for the address went; the notice is there once").Which.Message.Kind.Should().Be(AccountEmails.ErasedKind);
        (await Users.TryAddAsync(NewUser(user.Email), default)).Should().BeTrue("the address can register again");
    }

    [StoreFact]
    public async Task An_account_that_is_not_marked_is_never_deleted()
    {
        var user = await AddUserAsync();

        await Erasure.DeleteAccountAsync(user.Id, AccountEmails.Erased(user), default);

        (await Users.FindByIdAsync(user.Id, default)).Should().NotBeNull();
        (await Queue.ClaimDueAsync(DateTimeOffset.UtcNow.AddYears(1), TimeSpan.FromMinutes(1), 10_000, default))
            .Should().NotContain(e => e.Message.ToAddress == user.Email);
    }

    private User NewUser(string? email = null) => User.Register(
        UserId.From(_ids.NewId()), PersonName.Create("Erin Case"), EmailAddress.Create(email ?? $"erase-{Guid.NewGuid():N}@example.com"), "HASH", Now);

    private async Task<User> AddUserAsync(bool admin = false)
    {
        var user = NewUser();
        if (admin)
        {
            user.GrantRole(Role.Admin, Now);
        }

        (await Users.TryAddAsync(user, default)).Should().BeTrue();
        return (await Users.FindByIdAsync(user.Id, default))!;
    }

    private async Task<Book> AddBookAsync(UserId owner)
    {
        var original = await Covers.SaveAsync(new byte[] { 1, 2, 3 }, "image/png", default);
        var thumbnail = await Covers.SaveAsync(new byte[] { 4, 5 }, "image/jpeg", default);
        var cover = new Cover(new StoredImage(original, "image/png", "\"a\"", 3), new StoredImage(thumbnail, "image/jpeg", "\"b\"", 2), 60, 30);
        var book = Book.Add(BookId.From(_ids.NewId()), owner, BookTitle.Create($"Book {Guid.NewGuid():N}"), "desc", BookCategory.Create("science"), null, cover, Now);
        (await Books.TryAddAsync(book, default)).Should().BeTrue();
        return book;
    }

    private StoredRefreshToken NewToken(UserId userId) => new(
        _ids.NewId(), Convert.ToHexString(Guid.NewGuid().ToByteArray()), userId, _ids.NewId(), "STAMP", Now, Now.AddDays(14), Now.AddDays(30), null, null, Now);
}
