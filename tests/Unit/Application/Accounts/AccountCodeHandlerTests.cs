using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.ConfirmEmail;
using CleanAuth.Application.Accounts.ForgotPassword;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Accounts.ResendConfirmation;
using CleanAuth.Application.Accounts.ResetPassword;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Domain.Users;
using CleanAuth.Tests.Unit.Fakes;

namespace CleanAuth.Tests.Unit.Application.Accounts;

/// <summary>The four account-code use cases over the fakes (ADR 0040); the stores' atomicity is the contract suite's.</summary>
public sealed class AccountCodeHandlerTests
{
    private const string NewPassword = "a fresh long passphrase";
    private readonly AccountFakes _kit = new();
    private readonly User _alice;
    private readonly User _bob;

    public AccountCodeHandlerTests()
    {
        _alice = _kit.Users.Seed(TestUsers.New(id: "000000000000000000000a11", email: "alice@example.com"));
        _bob = _kit.Users.Seed(TestUsers.New(id: "000000000000000000000b0b", name: "Bob", email: "bob@example.com"));
    }

    private ConfirmEmailCommandHandler Confirm => new(_kit.Users, _kit.Codes, _kit.Events, _kit.Activity);

    private ResendConfirmationCommandHandler Resend => new(_kit.Users, _kit.Codes, _kit.Events);

    private ForgotPasswordCommandHandler Forgot => new(_kit.Users, _kit.Codes, _kit.Events);

    private ResetPasswordCommandHandler Reset => new(_kit.Users, _kit.Hasher, _kit.Store, _kit.Codes, _kit.PreRegistration, _kit.Events, _kit.Activity, _kit.Clock);

    [Fact]
    public async Task The_mailed_confirmation_code_confirms_once()
    {
        var code = await ResendAsync("alice@example.com");

        await Confirm.Handle(new ConfirmEmailCommand("ALICE@example.com", code.ToLowerInvariant()), default);

        _kit.Users.Stored(_alice.Id)!.EmailConfirmed.Should().BeTrue();
        _kit.EventNames.Should().Equal("EmailConfirmationSent", "EmailConfirmed");
        await RefusedAsync(() => Confirm.Handle(new ConfirmEmailCommand("alice@example.com", code), default));
    }

    [Fact]
    public async Task A_new_code_voids_the_previous_one()
    {
        var first = await ResendAsync("alice@example.com");
        var second = await ResendAsync("alice@example.com");

        await RefusedAsync(() => Confirm.Handle(new ConfirmEmailCommand("alice@example.com", first), default));
        await Confirm.Handle(new ConfirmEmailCommand("alice@example.com", second), default);
    }

    [Fact]
    public async Task Fifty_wrong_tries_leave_the_right_code_working()
    {
        var code = await ResendAsync("alice@example.com");
        for (var i = 0; i < 50; i++)
        {
            await RefusedAsync(() => Confirm.Handle(new ConfirmEmailCommand("alice@example.com", "0000-0000-0000"), default));
        }

        await Confirm.Handle(new ConfirmEmailCommand("alice@example.com", code), default);
        _kit.Users.Stored(_alice.Id)!.EmailConfirmed.Should().BeTrue();
        FailureReasons().Should().Equal(Enumerable.Repeat(AccountCodeFailure.WrongCode, 50));
    }

    [Fact]
    public async Task A_reset_of_an_address_never_confirmed_clears_the_second_factor_a_pre_registrant_set()
    {
        await _kit.TwoFactors.TryBeginSetupAsync(_alice.Id, "pending", default);
        await _kit.TwoFactors.TryEnableAsync(_alice.Id, "pending", 1, ["HASH"], _kit.Clock.GetUtcNow(), default);
        var code = await ForgotAsync("alice@example.com");

        await Reset.Handle(new ResetPasswordCommand("alice@example.com", code, NewPassword), default);

        (await _kit.TwoFactors.FindAsync(_alice.Id, default)).Should().BeNull("the recovery codes go with it");
        _kit.Users.Stored(_alice.Id)!.EmailConfirmed.Should().BeTrue();
        var cleared = _kit.Log.Entries.Single(e => e.EventId.Name == "PreRegistrationCleared");
        cleared.EventId.Id.Should().Be(4030);
        cleared["TwoFactorRemoved"].Should().Be(true);
    }

    [Fact]
    public async Task A_reset_of_an_address_never_confirmed_removes_the_passkeys_a_pre_registrant_added()
    {
        var credentialId = new byte[] { 1, 2, 3, 4 };
        var passkey = new CleanAuth.Application.Passkeys.Ports.Passkey(
            CleanAuth.Application.Passkeys.Ports.Passkey.IdOf(credentialId), _alice.Id, credentialId, [5], 0, true, true, [], [6], "Planted", _kit.Clock.GetUtcNow(), null);
        (await _kit.Passkeys.TryAddAsync(passkey, default)).Should().BeTrue();
        var code = await ForgotAsync("alice@example.com");

        await Reset.Handle(new ResetPasswordCommand("alice@example.com", code, NewPassword), default);

        (await _kit.Passkeys.ListAsync(_alice.Id, default)).Should().BeEmpty();
        var removed = _kit.Log.Entries.Single(e => e.EventId.Name == "PasskeysRemoved");
        removed.EventId.Id.Should().Be(4052);
        removed["Count"].Should().Be(1);
        removed["Cause"].Should().Be("pre-registration cleared");
    }

    [Fact]
    public async Task A_reset_of_a_confirmed_address_keeps_the_second_factor()
    {
        var carol = _kit.Users.Seed(TestUsers.Confirmed(TestUsers.New(id: "000000000000000000000ca1", email: "carol@example.com")));
        await _kit.TwoFactors.TryBeginSetupAsync(carol.Id, "pending", default);
        await _kit.TwoFactors.TryEnableAsync(carol.Id, "pending", 1, ["HASH"], _kit.Clock.GetUtcNow(), default);
        var code = await ForgotAsync("carol@example.com");

        await Reset.Handle(new ResetPasswordCommand("carol@example.com", code, NewPassword), default);

        (await _kit.TwoFactors.FindAsync(carol.Id, default))!.IsEnabled.Should().BeTrue();
        _kit.EventNames.Should().NotContain("PreRegistrationCleared").And.NotContain("PasskeysRemoved");
    }

    [Fact]
    public async Task A_confirmation_code_expires_after_its_lifetime()
    {
        var code = await ResendAsync("alice@example.com");
        _kit.Clock.Advance(TimeSpan.FromHours(24));

        await RefusedAsync(() => Confirm.Handle(new ConfirmEmailCommand("alice@example.com", code), default));
    }

    [Fact]
    public async Task A_confirmation_code_outlives_a_reset_codes_lifetime()
    {
        var code = await ResendAsync("alice@example.com");
        _kit.Clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromMinutes(1));

        await Confirm.Handle(new ConfirmEmailCommand("alice@example.com", code), default);

        _kit.Users.Stored(_alice.Id)!.EmailConfirmed.Should().BeTrue();
    }

    [Fact]
    public async Task A_failed_reset_is_logged_with_the_account_and_the_reason_but_not_the_address()
    {
        await ForgotAsync("alice@example.com");

        await RefusedAsync(() => Reset.Handle(new ResetPasswordCommand("alice@example.com", "0000-0000-0000", NewPassword), default));
        await RefusedAsync(() => Reset.Handle(new ResetPasswordCommand("nobody@example.com", "0000-0000-0000", NewPassword), default));
        await RefusedAsync(() => Confirm.Handle(new ConfirmEmailCommand("alice@example.com", "0000-0000-0000"), default));

        var failures = _kit.Log.Entries.Where(e => e.EventId.Name is "PasswordResetFailed" or "EmailConfirmationFailed").ToList();
        failures.Select(e => (e.EventId.Name, e["UserId"], e["AddressTag"], e["Reason"])).Should().Equal(
            ("PasswordResetFailed", _alice.Id.Value, null, AccountCodeFailure.WrongCode),
            ("PasswordResetFailed", null, _kit.AddressTagger.Tag("nobody@example.com"), AccountCodeFailure.UnknownEmail),
            ("EmailConfirmationFailed", _alice.Id.Value, null, AccountCodeFailure.NoLiveCode));
    }

    [Fact]
    public async Task A_reset_code_expires_after_fifteen_minutes_but_works_before()
    {
        var late = await ForgotAsync("alice@example.com");
        _kit.Clock.Advance(TimeSpan.FromMinutes(15));
        await RefusedAsync(() => Reset.Handle(new ResetPasswordCommand("alice@example.com", late, NewPassword), default));

        var code = await ForgotAsync("alice@example.com");
        _kit.Clock.Advance(TimeSpan.FromMinutes(14));
        await Reset.Handle(new ResetPasswordCommand("alice@example.com", code, NewPassword), default);
    }

    [Fact]
    public async Task A_code_of_one_kind_does_not_do_the_other()
    {
        var confirmation = await ResendAsync("alice@example.com");
        var reset = await ForgotAsync("alice@example.com");

        await RefusedAsync(() => Reset.Handle(new ResetPasswordCommand("alice@example.com", confirmation, NewPassword), default));
        await RefusedAsync(() => Confirm.Handle(new ConfirmEmailCommand("alice@example.com", reset), default));
        _kit.Users.Stored(_alice.Id)!.PasswordHash.Should().Be(_alice.PasswordHash);
    }

    [Fact]
    public async Task A_code_for_another_address_is_refused()
    {
        var bobs = await ForgotAsync("bob@example.com");

        await RefusedAsync(() => Reset.Handle(new ResetPasswordCommand("alice@example.com", bobs, NewPassword), default));
        _kit.Users.Stored(_alice.Id)!.PasswordHash.Should().Be(_alice.PasswordHash);
    }

    [Fact]
    public async Task An_unknown_address_gets_the_same_refusal_after_the_same_store_work()
    {
        var refusal = await RefusedAsync(() => Confirm.Handle(new ConfirmEmailCommand("nobody@example.com", "7KQ2-M9XD-4HTW"), default));
        var wrong = await RefusedAsync(() => Confirm.Handle(new ConfirmEmailCommand("alice@example.com", "7KQ2-M9XD-4HTW"), default));

        refusal.Errors.Should().BeEquivalentTo(wrong.Errors);
        _kit.CodeStore.ConsumeCalls.Should().Be(2);
        var failed = _kit.Log.Entries.First(e => e.EventId.Name == "EmailConfirmationFailed");
        failed["UserId"].Should().BeNull();
        failed["AddressTag"].Should().Be(_kit.AddressTagger.Tag("nobody@example.com"));
        failed.Message.Should().NotContain("nobody");
    }

    [Theory]
    [InlineData("nobody@example.com")]
    [InlineData("confirmed@example.com")]
    [InlineData("disabled@example.com")]
    public async Task Resend_sends_nothing_for_an_unknown_confirmed_or_disabled_account_but_does_the_store_work(string email)
    {
        var confirmed = _kit.Users.Seed(TestUsers.New(id: "000000000000000000000c0c", email: "confirmed@example.com"));
        await _kit.Users.MarkEmailConfirmedAsync(confirmed.Id, default);
        var disabled = TestUsers.New(id: "000000000000000000000d0d", email: "disabled@example.com");
        disabled.Disable(TestUsers.Epoch);
        _kit.Users.Seed(disabled);

        await Resend.Handle(new ResendConfirmationCommand(email), default);

        _kit.Outbox.Messages.Should().BeEmpty();
        _kit.CodeStore.IssuedHashes.Should().HaveCount(2, "the stand-in writes take the place of the code's and the mail's");
        _kit.EventNames.Should().Equal("EmailConfirmationFailed");
    }

    [Fact]
    public async Task Forgot_for_an_unknown_or_disabled_account_sends_nothing()
    {
        var disabled = TestUsers.New(id: "000000000000000000000d0d", email: "disabled@example.com");
        disabled.Disable(TestUsers.Epoch);
        _kit.Users.Seed(disabled);

        await Forgot.Handle(new ForgotPasswordCommand("nobody@example.com"), default);
        await Forgot.Handle(new ForgotPasswordCommand("disabled@example.com"), default);

        _kit.Outbox.Messages.Should().BeEmpty();
        FailureReasons().Should().Equal(AccountCodeFailure.UnknownEmail, AccountCodeFailure.Disabled);
    }

    /// <summary>
    /// What the HTTP test once compared by timing medians (ADR 0059): an address without an account makes as many store
    /// writes as one with an account, the code's and the mail's (bench/mail-footprint.sh measures the times).
    /// </summary>
    [Fact]
    public async Task Forgot_makes_the_same_two_store_writes_whether_or_not_the_address_has_an_account()
    {
        await Forgot.Handle(new ForgotPasswordCommand("alice@example.com"), default);
        var known = _kit.CodeStore.IssuedHashes.Count + _kit.Outbox.Messages.Count;
        _kit.Outbox.Messages.Should().ContainSingle();

        await Forgot.Handle(new ForgotPasswordCommand("nobody@example.com"), default);

        known.Should().Be(2);
        (_kit.CodeStore.IssuedHashes.Count + _kit.Outbox.Messages.Count - known).Should().Be(known, "the stand-in writes take the place of the code's and the mail's");
    }

    [Fact]
    public async Task A_disabled_account_cannot_reset_with_a_code_it_got_before()
    {
        var code = await ForgotAsync("alice@example.com");
        var stored = _kit.Users.Stored(_alice.Id)!;
        stored.Disable(TestUsers.Epoch);
        await _kit.Users.UpdateAsync(stored, default);

        await RefusedAsync(() => Reset.Handle(new ResetPasswordCommand("alice@example.com", code, NewPassword), default));
        _kit.Users.Stored(_alice.Id)!.PasswordHash.Should().Be(_alice.PasswordHash);
    }

    [Fact]
    public async Task Reset_sets_the_password_ends_every_session_clears_the_lock_and_confirms_the_address()
    {
        await _kit.Store.StartSessionAsync(new StoredRefreshToken("1", "h1", _alice.Id, "f", "s", TestUsers.Epoch, TestUsers.Epoch.AddDays(1), TestUsers.Epoch.AddDays(2), null, null), default);
        for (var i = 0; i < 5; i++)
        {
            await _kit.Users.ReserveSignInAttemptAsync(_alice.Id, _kit.Clock.GetUtcNow(), 5, TimeSpan.FromMinutes(5), default);
        }

        var code = await ForgotAsync("alice@example.com");
        await Reset.Handle(new ResetPasswordCommand("alice@example.com", code, NewPassword), default);

        var stored = _kit.Users.Stored(_alice.Id)!;
        _kit.Hasher.Verify(stored.PasswordHash, NewPassword).Should().Be(PasswordVerification.Succeeded);
        stored.SecurityStamp.Should().NotBe(_alice.SecurityStamp);
        stored.LockoutEnd.Should().BeNull();
        stored.FailedLoginCount.Should().Be(0);
        stored.EmailConfirmed.Should().BeTrue();
        _kit.Store.All.Single().RevokedAt.Should().NotBeNull();
        _kit.EventNames.Should().Equal("PasswordResetRequested", "PreRegistrationCleared", "PasswordReset");
        await RefusedAsync(() => Reset.Handle(new ResetPasswordCommand("alice@example.com", code, "another long passphrase"), default));
    }

    [Fact]
    public async Task Reset_survives_a_concurrent_write_to_the_user()
    {
        var code = await ForgotAsync("alice@example.com");
        var renamed = false;
        _kit.Users.BeforeUpdate = _ =>
        {
            if (!renamed)
            {
                renamed = true;
                _kit.Users.SimulateConcurrentWrite(_alice.Id, u => u.Rename(PersonName.Create("Alice L."), TestUsers.Epoch));
            }
        };

        await Reset.Handle(new ResetPasswordCommand("alice@example.com", code, NewPassword), default);

        var stored = _kit.Users.Stored(_alice.Id)!;
        stored.Name.Should().Be("Alice L.");
        _kit.Hasher.Verify(stored.PasswordHash, NewPassword).Should().Be(PasswordVerification.Succeeded);
    }

    [Fact]
    public async Task Reset_absorbs_two_concurrent_writes_in_a_row()
    {
        var code = await ForgotAsync("alice@example.com");
        LoseToConcurrentWrites(2);

        await Reset.Handle(new ResetPasswordCommand("alice@example.com", code, NewPassword), default);

        _kit.Hasher.Verify(_kit.Users.Stored(_alice.Id)!.PasswordHash, NewPassword).Should().Be(PasswordVerification.Succeeded);
        _kit.EventNames.Should().EndWith("PasswordReset");
    }

    [Fact]
    public async Task Reset_that_loses_to_three_concurrent_writes_in_a_row_gives_up_with_a_conflict()
    {
        var code = await ForgotAsync("alice@example.com");
        LoseToConcurrentWrites(3);

        var act = () => Reset.Handle(new ResetPasswordCommand("alice@example.com", code, NewPassword), default);

        await act.Should().ThrowAsync<ConflictException>();
        _kit.Users.Stored(_alice.Id)!.PasswordHash.Should().Be(_alice.PasswordHash);
        _kit.EventNames.Should().NotContain("PasswordReset");
    }

    [Fact]
    public async Task Reset_of_an_account_erased_meanwhile_is_the_code_refusal()
    {
        var code = await ForgotAsync("alice@example.com");
        _kit.Users.BeforeUpdate = user =>
        {
            _kit.Users.SimulateConcurrentWrite(user.Id);
            _kit.Users.TryMarkErasing(user.Id, _kit.Clock.GetUtcNow());
        };

        await RefusedAsync(() => Reset.Handle(new ResetPasswordCommand("alice@example.com", code, NewPassword), default));
        _kit.Users.Stored(_alice.Id)!.PasswordHash.Should().Be(_alice.PasswordHash);
    }

    [Fact]
    public async Task No_log_line_carries_a_code()
    {
        var code = await ForgotAsync("alice@example.com");
        await RefusedAsync(() => Reset.Handle(new ResetPasswordCommand("alice@example.com", "0000-0000-0000", NewPassword), default));
        await Reset.Handle(new ResetPasswordCommand("alice@example.com", code, NewPassword), default);

        _kit.Log.Entries.Should().AllSatisfy(e => e.Message.Should().NotContain(code).And.NotContain("0000-0000-0000"));
        new ResetPasswordCommand("a@example.com", code, NewPassword).ToString().Should().NotContain(code).And.NotContain(NewPassword);
        new ConfirmEmailCommand("a@example.com", code).ToString().Should().Be("ConfirmEmailCommand { Email = a@example.com }");
        new ResetPasswordCommand("a@example.com", code, NewPassword).ToString().Should().Be("ResetPasswordCommand { Email = a@example.com }");
    }

    // The next `count` writes of the user each find that another request saved it first.
    private void LoseToConcurrentWrites(int count) =>
        _kit.Users.BeforeUpdate = user =>
        {
            if (count-- > 0)
            {
                _kit.Users.SimulateConcurrentWrite(user.Id);
            }
        };

    private async Task<string> ResendAsync(string email)
    {
        await Resend.Handle(new ResendConfirmationCommand(email), default);
        return AccountCodeFormatTests.CodeIn(_kit.Outbox.Messages[^1]);
    }

    private async Task<string> ForgotAsync(string email)
    {
        await Forgot.Handle(new ForgotPasswordCommand(email), default);
        var mail = _kit.Outbox.Messages[^1];
        mail.Kind.Should().Be(AccountEmails.ResetKind);
        return AccountCodeFormatTests.CodeIn(mail);
    }

    private static async Task<ValidationException> RefusedAsync(Func<Task> act)
    {
        var refusal = (await act.Should().ThrowAsync<ValidationException>()).Which;
        refusal.Errors.Should().BeEquivalentTo(new Dictionary<string, string[]> { ["code"] = [AccountCodes.InvalidCode] });
        return refusal;
    }

    private IEnumerable<AccountCodeFailure> FailureReasons() =>
        _kit.Log.Entries.Where(e => e.EventId.Name is "EmailConfirmationFailed" or "PasswordResetFailed").Select(e => (AccountCodeFailure)e["Reason"]!);
}
