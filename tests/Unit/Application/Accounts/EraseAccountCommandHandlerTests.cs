using CleanAuth.Application.Accounts.BeginTwoFactorSetup;
using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.EnableTwoFactor;
using CleanAuth.Application.Accounts.EraseAccount;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Behaviours;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Security;
using CleanAuth.Domain.Users;
using CleanAuth.Tests.Unit.Fakes;
using OtpNet;

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
    public async Task The_right_password_erases_the_account_with_what_it_owns_and_queues_one_notice()
    {
        var id = _currentUser.User.Id;
        await _kit.Store.StartSessionAsync(new StoredRefreshToken("1", "h1", id, "f", "s", TestUsers.Epoch, TestUsers.Epoch.AddDays(1), TestUsers.Epoch.AddDays(2), null, null), default);

        await _handler.Handle(new EraseAccountCommand(Password), default);

        _kit.Users.Count.Should().Be(0);
        _kit.Store.All.Should().BeEmpty("the sessions are the account's data");
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

    [Theory]
    [InlineData(null, null, "twoFactorCode", "This account has two-factor authentication")]
    [InlineData("000000", null, "twoFactorCode", "The two-factor code or recovery code is incorrect")]
    [InlineData(null, "AAAAA-AAAAA", "recoveryCode", "The two-factor code or recovery code is incorrect")]
    public async Task With_two_factor_enabled_the_password_alone_or_a_wrong_code_erases_nothing(string? code, string? recoveryCode, string field, string message)
    {
        await EnableTwoFactorAsync();

        var act = () => _handler.Handle(new EraseAccountCommand(Password, code, recoveryCode), default);

        var refusal = (await act.Should().ThrowAsync<ValidationException>()).Which;
        refusal.Errors.Keys.Should().Equal(field);
        refusal.Errors[field].Should().ContainSingle().Which.Should().StartWith(message);
        _kit.Users.Count.Should().Be(1);
        _kit.EventNames.Count(n => n == "TwoFactorFailed").Should().Be(code is null && recoveryCode is null ? 0 : 1);
    }

    [Fact]
    public async Task With_two_factor_enabled_the_apps_code_or_a_recovery_code_erases_and_a_spent_recovery_code_is_logged()
    {
        var recoveryCodes = await EnableTwoFactorAsync();

        await _handler.Handle(new EraseAccountCommand(Password, RecoveryCode: recoveryCodes[0]), default);

        _kit.Users.Count.Should().Be(0);
        _kit.EventNames.Should().Contain("RecoveryCodeUsed").And.Contain("AccountErased");
    }

    [Fact]
    public async Task With_two_factor_enabled_the_apps_current_code_erases()
    {
        var key = await EnableTwoFactorAsync(returnKey: true);
        _kit.Clock.Advance(TimeSpan.FromSeconds(30));

        await _handler.Handle(new EraseAccountCommand(Password, new Totp(Base32Encoding.ToBytes(key[0])).ComputeTotp(_kit.Clock.GetUtcNow().UtcDateTime)), default);

        _kit.Users.Count.Should().Be(0);
        _kit.EventNames.Should().NotContain("RecoveryCodeUsed");
    }

    [Fact]
    public async Task An_administrator_erases_another_user_by_id_and_an_unknown_id_is_not_found()
    {
        var bob = _kit.Users.Seed(TestUsers.New(id: "000000000000000000000b0b", email: "bob@example.com"));
        var handler = new EraseUserCommandHandler(_currentUser, _kit.Users, new AccountErasure(_erasure, _kit.Events, _kit.Clock));

        await handler.Handle(new EraseUserCommand(bob.Id.Value), default);
        var unknown = () => handler.Handle(new EraseUserCommand(bob.Id.Value), default);

        (await _kit.Users.FindByIdAsync(bob.Id, default)).Should().BeNull();
        _kit.Users.Count.Should().Be(1, "only the named account");
        await unknown.Should().ThrowAsync<NotFoundException>();
        var erased = _kit.Log.Entries.Should().ContainSingle(e => e.EventId.Name == "AccountErased").Subject;
        (erased["UserId"], erased["ActorId"]).Should().Be((bob.Id.Value, _currentUser.User.Id.Value));
        new EraseUserCommand(bob.Id.Value).RequiredRole.Should().Be(Role.Admin);
    }

    [Fact]
    public async Task An_account_marked_by_a_racing_request_is_left_to_it_without_an_error_or_a_second_event()
    {
        (await _erasure.TryMarkAsync(_currentUser.User.Id, _kit.Clock.GetUtcNow(), default)).Should().Be(ErasureMark.Marked);

        await _handler.Handle(new EraseAccountCommand(Password), default);

        _kit.Outbox.Messages.Should().BeEmpty("the racing request sends the notice");
        _kit.EventNames.Should().NotContain("AccountErased");
    }

    [Fact]
    public async Task The_sweep_completes_every_marked_account_past_a_full_batch_and_counts_them()
    {
        var marked = AccountErasure.SweepBatch + 1;
        for (var i = 1; i <= marked; i++)
        {
            var user = _kit.Users.Seed(TestUsers.New(id: i.ToString("x24", System.Globalization.CultureInfo.InvariantCulture), email: $"u{i}@example.com"));
            await _erasure.TryMarkAsync(user.Id, _kit.Clock.GetUtcNow(), default);
        }

        var erased = await new AccountErasure(_erasure, _kit.Events, _kit.Clock).CompleteMarkedAsync(default);

        erased.Should().Be(marked);
        _kit.Users.Count.Should().Be(1, "only the unmarked account is left");
        _kit.Outbox.Messages.Should().HaveCount(marked);
        _kit.EventNames.Count(n => n == "AccountErasureCompleted").Should().Be(marked);
    }

    [Fact]
    public void The_validator_wants_a_password_of_at_most_the_maximum_and_well_formed_codes()
    {
        var validator = new EraseAccountCommandValidator();

        validator.Validate(new EraseAccountCommand(Password)).IsValid.Should().BeTrue();
        validator.Validate(new EraseAccountCommand("")).Errors.Should().ContainSingle().Which.ErrorMessage.Should().Be("Password is required.");
        validator.Validate(new EraseAccountCommand(new string('p', RuleExtensions.MaxPasswordLength))).IsValid.Should().BeTrue();
        validator.Validate(new EraseAccountCommand(new string('p', RuleExtensions.MaxPasswordLength + 1))).Errors.Should().ContainSingle()
            .Which.ErrorMessage.Should().Be($"Password must be at most {RuleExtensions.MaxPasswordLength} characters.");
        validator.Validate(new EraseAccountCommand(Password, "12345")).Errors.Should().ContainSingle().Which.ErrorMessage.Should().Be("twoFactorCode must be 6 digits.");
        validator.Validate(new EraseAccountCommand(Password, RecoveryCode: "nope")).Errors.Should().ContainSingle().Which.ErrorMessage.Should().StartWith("recoveryCode must be");
    }

    // Confirms the address and enables a second factor; returns the recovery codes, or the shared key alone.
    private async Task<IReadOnlyList<string>> EnableTwoFactorAsync(bool returnKey = false)
    {
        await _kit.Users.MarkEmailConfirmedAsync(_currentUser.User.Id, default);
        _currentUser.Set((await _kit.Users.FindByIdAsync(_currentUser.User.Id, default))!);
        var setup = await new BeginTwoFactorSetupCommandHandler(_currentUser, _kit.TwoFactors, _kit.Authenticator, _kit.SecondFactor)
            .Handle(new BeginTwoFactorSetupCommand(), default);
        var code = new Totp(Base32Encoding.ToBytes(setup.SharedKey)).ComputeTotp(_kit.Clock.GetUtcNow().UtcDateTime);
        var sessions = new AccountSessions(_kit.Users, _kit.Store, _kit.RefreshTokens, _kit.Clock);
        var enabled = await new EnableTwoFactorCommandHandler(_currentUser, new FakeCallerIdentity(), _kit.TwoFactors, _kit.SecondFactor, sessions, _kit.Events, _kit.Activity, _kit.Clock)
            .Handle(new EnableTwoFactorCommand(code), default);
        _currentUser.Set((await _kit.Users.FindByIdAsync(_currentUser.User.Id, default))!);
        return returnKey ? [setup.SharedKey] : enabled.RecoveryCodes;
    }
}
