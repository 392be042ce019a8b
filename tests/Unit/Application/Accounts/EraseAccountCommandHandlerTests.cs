using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.EraseAccount;
using CleanAuth.Application.Common.Behaviours;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Tests.Unit.Fakes;

namespace CleanAuth.Tests.Unit.Application.Accounts;

public sealed class EraseAccountCommandHandlerTests
{
    private const string Password = "correct horse battery staple";
    private readonly AccountFakes _kit = new();
    private readonly CurrentUserAccessor _currentUser = new();
    private readonly InMemoryAccountErasure _erasure;
    private readonly EraseAccountCommandHandler _handler;

    public EraseAccountCommandHandlerTests()
    {
        var stored = _kit.Users.Seed(TestUsers.New());
        _currentUser.Set(_kit.Users.FindByIdAsync(stored.Id, default).Result!);
        _erasure = new InMemoryAccountErasure(_kit.Users, new InMemoryBookRepository(), new InMemoryCoverStore(), new InMemoryAuthorRepository(),
            _kit.Store, _kit.CodeStore, _kit.TwoFactors, _kit.Outbox);
        _handler = new EraseAccountCommandHandler(_currentUser, _kit.Passwords, new AccountErasure(_erasure, _kit.Events, _kit.Clock));
    }

    [Fact]
    public async Task The_right_password_erases_the_account_and_queues_one_notice()
    {
        await _handler.Handle(new EraseAccountCommand(Password), default);

        _kit.Users.Count.Should().Be(0);
        _kit.Outbox.Messages.Should().ContainSingle().Which.Kind.Should().Be(AccountEmails.ErasedKind);
        _kit.Log.Entries.Should().ContainSingle(e => e.EventId.Name == "AccountErased");
    }

    [Fact]
    public async Task A_wrong_password_is_a_400_on_password_counted_as_a_failure_and_erases_nothing()
    {
        var act = () => _handler.Handle(new EraseAccountCommand("not the password"), default);

        (await act.Should().ThrowAsync<ValidationException>()).Which.Errors.Keys.Should().Equal("password");
        _kit.Users.Stored(_currentUser.User.Id)!.FailedLoginCount.Should().Be(1);
        _kit.Outbox.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task The_last_active_administrator_gets_a_409_and_keeps_the_account()
    {
        var admin = _kit.Users.Stored(_currentUser.User.Id)!;
        admin.GrantRole(CleanAuth.Domain.Users.Role.Admin, _kit.Clock.GetUtcNow());
        await _kit.Users.UpdateAsync(admin, default);
        _currentUser.Set((await _kit.Users.FindByIdAsync(admin.Id, default))!);

        await FluentActions.Awaiting(() => _handler.Handle(new EraseAccountCommand(Password), default)).Should().ThrowAsync<ConflictException>();
        _kit.Users.Count.Should().Be(1);
        (await _kit.Users.FindByIdAsync(admin.Id, default)).Should().NotBeNull();
    }
}
