using CleanAuth.Application.Accounts.BeginTwoFactorSetup;
using CleanAuth.Application.Accounts.ChangePassword;
using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.ConfirmEmail;
using CleanAuth.Application.Accounts.DisableAccount;
using CleanAuth.Application.Accounts.DisableTwoFactor;
using CleanAuth.Application.Accounts.EnableTwoFactor;
using CleanAuth.Application.Accounts.ForgotPassword;
using CleanAuth.Application.Accounts.Login;
using CleanAuth.Application.Accounts.Logout;
using CleanAuth.Application.Accounts.LogoutAll;
using CleanAuth.Application.Accounts.ResendConfirmation;
using CleanAuth.Application.Accounts.ResetPassword;
using CleanAuth.Application.Accounts.ResetTwoFactor;
using CleanAuth.Application.Common.Behaviours;
using CleanAuth.Domain.Users;
using CleanAuth.Tests.Unit.Fakes;
using OtpNet;

namespace CleanAuth.Tests.Unit.Application.Accounts;

/// <summary>
/// The entry each account-security use case leaves in the owner's activity (ADR 0054): what happened, how it ended,
/// and the caller's own session where there is one.
/// </summary>
public sealed class ActivityEntryTests
{
    private const string Password = "correct horse battery staple";
    private const string Session = "the-callers-session";

    private readonly AccountFakes _kit = new();
    private readonly CurrentUserAccessor _currentUser = new();
    private readonly AccountSessions _sessions;
    private readonly User _alice;

    public ActivityEntryTests()
    {
        _alice = _kit.Users.Seed(TestUsers.Confirmed(TestUsers.New(email: "alice@example.com", password: Password)));
        _currentUser.Set(_kit.Users.Stored(_alice.Id)!);
        _sessions = new AccountSessions(_kit.Users, _kit.Store, _kit.RefreshTokens, _kit.Clock);
        _kit.Caller.SessionId = Session;
    }

    [Fact]
    public async Task A_logout_records_a_sign_out_of_the_callers_session()
    {
        var pair = await _kit.RefreshTokens.StartSessionAsync(_alice, default);

        await new LogoutCommandHandler(_kit.Store, _kit.Events, _kit.Activity, _kit.Clock).Handle(new LogoutCommand(pair.RefreshToken), default);

        Entries().Should().Equal((_alice.Id, ActivityKind.SignedOut, ActivityOutcome.Succeeded, Session));
    }

    [Fact]
    public async Task A_logout_everywhere_records_a_sign_out_everywhere()
    {
        await new LogoutAllCommandHandler(_currentUser, _kit.Users, _kit.Store, _kit.Events, _kit.Activity, _kit.Clock).Handle(new LogoutAllCommand(), default);

        Entries().Should().Equal((_alice.Id, ActivityKind.SignedOutEverywhere, ActivityOutcome.Succeeded, Session));
    }

    [Fact]
    public async Task Disabling_ones_own_account_records_it_with_the_session()
    {
        await new DisableAccountCommandHandler(_currentUser, _kit.Users, _kit.Store, _kit.Events, _kit.Activity, _kit.Clock).Handle(new DisableAccountCommand(), default);

        Entries().Should().Equal((_alice.Id, ActivityKind.AccountDisabled, ActivityOutcome.Succeeded, Session));
    }

    [Fact]
    public async Task A_password_change_records_it()
    {
        var handler = new ChangePasswordCommandHandler(_currentUser, _kit.Users, _kit.Hasher, _kit.Store, _kit.RefreshTokens, _kit.Attempts, _kit.Events, _kit.Activity, _kit.Clock);

        await handler.Handle(new ChangePasswordCommand(Password, "a fresh long passphrase"), default);

        Entries().Should().Equal((_alice.Id, ActivityKind.PasswordChanged, ActivityOutcome.Succeeded, Session));
    }

    [Fact]
    public async Task A_confirmed_address_and_a_reset_password_are_recorded()
    {
        var bob = _kit.Users.Seed(TestUsers.New(id: "000000000000000000000b0b", name: "Bob", email: "bob@example.com"));
        await new ResendConfirmationCommandHandler(_kit.Users, _kit.Codes, _kit.Events).Handle(new ResendConfirmationCommand("bob@example.com"), default);
        await new ConfirmEmailCommandHandler(_kit.Users, _kit.Codes, _kit.Events, _kit.Activity)
            .Handle(new ConfirmEmailCommand("bob@example.com", AccountCodeFormatTests.CodeIn(_kit.Outbox.Messages[^1])), default);
        _kit.Clock.Advance(TimeSpan.FromSeconds(1));
        await new ForgotPasswordCommandHandler(_kit.Users, _kit.Codes, _kit.Events).Handle(new ForgotPasswordCommand("bob@example.com"), default);
        await new ResetPasswordCommandHandler(_kit.Users, _kit.Hasher, _kit.Store, _kit.Codes, _kit.PreRegistration, _kit.Events, _kit.Activity, _kit.Clock)
            .Handle(new ResetPasswordCommand("bob@example.com", AccountCodeFormatTests.CodeIn(_kit.Outbox.Messages[^1]), "a fresh long passphrase"), default);

        Entries().Should().Equal(
            (bob.Id, ActivityKind.PasswordReset, ActivityOutcome.Succeeded, Session),
            (bob.Id, ActivityKind.EmailConfirmed, ActivityOutcome.Succeeded, Session));
    }

    [Fact]
    public async Task Enabling_and_disabling_the_second_factor_are_recorded()
    {
        await EnableTwoFactorAsync();
        _kit.Clock.Advance(TimeSpan.FromSeconds(1));
        _currentUser.Set(_kit.Users.Stored(_alice.Id)!);

        await new DisableTwoFactorCommandHandler(_currentUser, _kit.TwoFactors, _kit.Passwords, _sessions, _kit.Events, _kit.Activity, _kit.Clock)
            .Handle(new DisableTwoFactorCommand(Password), default);

        Entries().Should().Equal(
            (_alice.Id, ActivityKind.TwoFactorDisabled, ActivityOutcome.Succeeded, Session),
            (_alice.Id, ActivityKind.TwoFactorEnabled, ActivityOutcome.Succeeded, Session));
    }

    [Fact]
    public async Task An_administrators_reset_of_the_second_factor_is_recorded_for_the_user_without_the_administrators_session()
    {
        await EnableTwoFactorAsync();
        _kit.Clock.Advance(TimeSpan.FromSeconds(1));
        var admin = new CurrentUserAccessor();
        admin.Set(TestUsers.New(id: "000000000000000000000fff", email: "root@example.com"));

        await new ResetTwoFactorCommandHandler(admin, _kit.Users, _kit.TwoFactors, _sessions, _kit.Events, _kit.Activity).Handle(new ResetTwoFactorCommand(_alice.Id.Value), default);

        Entries()[0].Should().Be((_alice.Id, ActivityKind.TwoFactorReset, ActivityOutcome.Succeeded, null));
    }

    [Fact]
    public async Task A_sign_in_without_the_second_factor_records_that_it_was_required()
    {
        await EnableTwoFactorAsync();
        _kit.Clock.Advance(TimeSpan.FromSeconds(1));

        await FluentActions.Awaiting(() => _kit.Login().Handle(new LoginCommand(_alice.Email, Password), default)).Should().ThrowAsync<TwoFactorRequiredException>();

        Entries()[0].Should().Be((_alice.Id, ActivityKind.SignIn, ActivityOutcome.SecondFactorRequired, Session));
    }

    [Fact]
    public async Task A_sign_in_with_a_wrong_second_factor_records_it()
    {
        await EnableTwoFactorAsync();
        _kit.Clock.Advance(TimeSpan.FromSeconds(1));

        await FluentActions.Awaiting(() => _kit.Login().Handle(new LoginCommand(_alice.Email, Password, RecoveryCode: "AAAAA-AAAAA"), default))
            .Should().ThrowAsync<TwoFactorRequiredException>();

        Entries()[0].Should().Be((_alice.Id, ActivityKind.SignIn, ActivityOutcome.WrongSecondFactor, Session));
    }

    [Fact]
    public async Task A_sign_in_with_a_recovery_code_records_the_spent_code_and_the_sign_in()
    {
        var codes = await EnableTwoFactorAsync();
        _kit.Clock.Advance(TimeSpan.FromSeconds(1));

        await _kit.Login().Handle(new LoginCommand(_alice.Email, Password, RecoveryCode: codes[0]), default);

        Entries().Take(2).Select(e => (e.Kind, e.Outcome)).Should().BeEquivalentTo(
            [(ActivityKind.SignIn, ActivityOutcome.Succeeded), (ActivityKind.RecoveryCodeUsed, ActivityOutcome.Succeeded)]);
    }

    [Fact]
    public void Kinds_and_outcomes_are_sent_and_read_as_camel_case_names_never_as_numbers()
    {
        System.Text.Json.JsonSerializer.Serialize(ActivityKind.PasswordChanged).Should().Be("\"passwordChanged\"");
        System.Text.Json.JsonSerializer.Deserialize<ActivityOutcome>("\"wrongPassword\"").Should().Be(ActivityOutcome.WrongPassword);

        FluentActions.Invoking(() => System.Text.Json.JsonSerializer.Deserialize<ActivityKind>("1")).Should().Throw<System.Text.Json.JsonException>();
        FluentActions.Invoking(() => System.Text.Json.JsonSerializer.Deserialize<ActivityOutcome>("\"1\"")).Should().Throw<System.Text.Json.JsonException>();
    }

    private List<(UserId UserId, ActivityKind Kind, ActivityOutcome Outcome, string? SessionId)> Entries() =>
        [.. _kit.ActivityLog.All.Select(e => (e.UserId, e.Kind, e.Outcome, e.SessionId))];

    private async Task<IReadOnlyList<string>> EnableTwoFactorAsync()
    {
        var setup = await new BeginTwoFactorSetupCommandHandler(_currentUser, _kit.TwoFactors, _kit.Authenticator, _kit.SecondFactor)
            .Handle(new BeginTwoFactorSetupCommand(), default);
        var code = new Totp(Base32Encoding.ToBytes(setup.SharedKey)).ComputeTotp(_kit.Clock.GetUtcNow().UtcDateTime);
        var enabled = await new EnableTwoFactorCommandHandler(_currentUser, _kit.Caller, _kit.TwoFactors, _kit.SecondFactor, _sessions, _kit.Events, _kit.Activity, _kit.Clock)
            .Handle(new EnableTwoFactorCommand(code), default);
        return enabled.RecoveryCodes;
    }
}
