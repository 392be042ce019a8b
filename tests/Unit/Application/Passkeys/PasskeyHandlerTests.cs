using System.Text;
using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Common.Behaviours;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Passkeys.BeginPasskeyRegistration;
using CleanAuth.Application.Passkeys.BeginPasskeySignIn;
using CleanAuth.Application.Passkeys.Common;
using CleanAuth.Application.Passkeys.GetPasskey;
using CleanAuth.Application.Passkeys.ListPasskeys;
using CleanAuth.Application.Passkeys.PasskeySignIn;
using CleanAuth.Application.Passkeys.Ports;
using CleanAuth.Application.Passkeys.RegisterPasskey;
using CleanAuth.Application.Passkeys.RemovePasskey;
using CleanAuth.Application.Passkeys.RenamePasskey;
using CleanAuth.Domain.Users;
using CleanAuth.Tests.Unit.Fakes;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace CleanAuth.Tests.Unit.Application.Passkeys;

/// <summary>
/// The passkey use cases (ADR 0058) over the in-memory stores, with a WebAuthn stand-in whose answers a test sets:
/// what the application does with a verified, refused or replayed ceremony.
/// </summary>
public sealed class PasskeyHandlerTests
{
    private readonly AccountFakes _kit = new();
    private readonly InMemoryPasskeyCeremonies _ceremonyStore = new();
    private readonly StubWebAuthn _webAuthn = new();
    private readonly CurrentUserAccessor _current = new();
    private readonly PasskeyCeremonyService _ceremonies;
    private readonly User _alice;

    public PasskeyHandlerTests()
    {
        _ceremonies = new PasskeyCeremonyService(_ceremonyStore, Options.Create(new PasskeyOptions()), _kit.Clock);
        _alice = _kit.Users.Seed(TestUsers.Confirmed(TestUsers.New()));
        _current.Set(_alice);
    }

    [Fact]
    public async Task Registration_excludes_the_users_passkeys_and_stores_the_verified_one_named_and_dated_to_the_millisecond()
    {
        var first = await RegisterAsync("first", "  Laptop  ");
        _kit.Clock.Advance(TimeSpan.FromTicks(12_345));
        var started = await BeginRegistrationAsync();
        var second = await Register().Handle(new RegisterPasskeyCommand(started.CeremonyId, "second", null), default);

        started.PublicKey.Should().Be(StubWebAuthn.CreationJson);
        _webAuthn.Excluded.Select(Encoding.UTF8.GetString).Should().Equal("first");
        _webAuthn.User!.Handle.Should().Equal(Passkey.HandleOf(_alice.Id));
        (_webAuthn.User.Name, _webAuthn.User.DisplayName).Should().Be((_alice.Email, _alice.Name));
        first.Name.Should().Be("Laptop");
        second.Name.Should().Be("Passkey 2026-03-14");
        second.CreatedAt.Should().Be(TestUsers.Epoch.AddMilliseconds(1));
        second.Id.Should().Be(Passkey.IdOf(Encoding.UTF8.GetBytes("second")));
        (await _kit.Passkeys.ListAsync(_alice.Id, default)).Select(p => p.UserHandle).Should().AllSatisfy(h => h.Should().Equal(Passkey.HandleOf(_alice.Id)));
        _kit.Log.Entries.Where(e => e.EventId.Name == "PasskeyRegistered").Select(e => e["BackupEligible"]).Should().Equal(true, true);
        _kit.ActivityLog.All.Select(e => e.Kind).Should().Equal(ActivityKind.PasskeyRegistered, ActivityKind.PasskeyRegistered);
    }

    [Fact]
    public async Task An_unconfirmed_address_can_neither_begin_nor_finish_a_registration()
    {
        var started = await BeginRegistrationAsync();
        _current.Set(TestUsers.New());

        await FluentActions.Awaiting(BeginRegistrationAsync).Should().ThrowAsync<EmailNotConfirmedException>();
        await FluentActions.Awaiting(() => Register().Handle(new RegisterPasskeyCommand(started.CeremonyId, "cred", null), default))
            .Should().ThrowAsync<EmailNotConfirmedException>();
        (await _kit.Passkeys.ListAsync(_alice.Id, default)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_spent_or_unknown_ceremony_and_a_credential_that_does_not_verify_are_refused_with_the_reason_logged()
    {
        var started = await BeginRegistrationAsync();
        _webAuthn.Refuse = PasskeyFailure.Invalid;
        await FluentActions.Awaiting(() => Register().Handle(new RegisterPasskeyCommand(started.CeremonyId, "cred", null), default))
            .Should().ThrowAsync<PasskeyRegistrationRejectedException>().WithMessage(
                "The passkey was not accepted: the ceremony is unknown, expired or finished already, or the credential did not verify. Begin again.");
        _webAuthn.Refuse = null;
        await FluentActions.Awaiting(() => Register().Handle(new RegisterPasskeyCommand(started.CeremonyId, "cred", null), default))
            .Should().ThrowAsync<PasskeyRegistrationRejectedException>("the ceremony was spent by the refused answer");

        _kit.Log.Entries.Where(e => e.EventId.Name == "PasskeyRegistrationFailed").Select(e => e["Reason"])
            .Should().Equal(PasskeyFailure.Invalid, PasskeyFailure.CeremonyUnknown);
        (await _kit.Passkeys.ListAsync(_alice.Id, default)).Should().BeEmpty();
        _kit.ActivityLog.All.Should().BeEmpty();
    }

    [Fact]
    public async Task A_credential_registered_already_is_a_409_and_logged()
    {
        await RegisterAsync("cred");
        var bob = _kit.Users.Seed(TestUsers.Confirmed(TestUsers.New(id: "000000000000000000000b0b", email: "bob@example.com")));
        _current.Set(bob);

        await FluentActions.Awaiting(() => RegisterAsync("cred")).Should().ThrowAsync<PasskeyTakenException>().WithMessage("This passkey is registered already.");

        _kit.Log.Entries.Should().ContainSingle(e => e.EventId.Name == "PasskeyRegistrationFailed").Which["Reason"].Should().Be(PasskeyFailure.CredentialTaken);
        (await _kit.Passkeys.ListAsync(bob.Id, default)).Should().BeEmpty();
    }

    [Fact]
    public async Task Sign_in_with_a_registered_passkey_starts_a_session_records_the_use_and_spends_the_ceremony()
    {
        var registered = await RegisterAsync("cred");
        _kit.Clock.Advance(TimeSpan.FromMinutes(1));
        var started = await new BeginPasskeySignInCommandHandler(_webAuthn, _ceremonies).Handle(new BeginPasskeySignInCommand(), default);
        _webAuthn.Assertion = new VerifiedAssertion(7, BackedUp: true);

        var pair = await SignIn().Handle(new PasskeySignInCommand(started.CeremonyId, "cred"), default);
        var replay = () => SignIn().Handle(new PasskeySignInCommand(started.CeremonyId, "cred"), default);

        started.PublicKey.Should().Be(StubWebAuthn.RequestJson);
        pair.AccessToken.Should().Be(FakeTokenService.TokenFor(_alice));
        _kit.Tokens.AuthTimes.Should().Equal(_kit.Clock.GetUtcNow());
        var used = (await _kit.Passkeys.FindAsync(_alice.Id, registered.Id, default))!;
        (used.SignCount, used.BackedUp, used.LastUsedAt).Should().Be((7u, true, _kit.Clock.GetUtcNow()));
        _kit.Users.Stored(_alice.Id)!.LastLoginAt.Should().Be(_kit.Clock.GetUtcNow());
        _kit.Log.Entries.Should().ContainSingle(e => e.EventId.Name == "PasskeySignInSucceeded").Which["PasskeyId"].Should().Be(registered.Id);
        _kit.ActivityLog.All[0].Kind.Should().Be(ActivityKind.SignIn);
        (await replay.Should().ThrowAsync<UnauthorizedException>()).Which.Message.Should().Be(PasskeyRules.SignInRefused);
        _kit.Log.Entries.Should().ContainSingle(e => e.EventId.Name == "PasskeySignInFailed").Which["Reason"].Should().Be(PasskeyFailure.CeremonyUnknown);
    }

    [Theory]
    [InlineData("garbled", PasskeyFailure.Malformed, false)]
    [InlineData("unknown", PasskeyFailure.UnknownCredential, false)]
    [InlineData("invalid", PasskeyFailure.Invalid, true)]
    [InlineData("disabled", PasskeyFailure.Disabled, true)]
    [InlineData("erased", PasskeyFailure.Disabled, true)]
    [InlineData("replayed", PasskeyFailure.CounterWentBackwards, true)]
    public async Task Every_refused_sign_in_is_the_same_401_and_logs_its_reason_and_the_owner_when_known(string how, PasskeyFailure reason, bool ownerKnown)
    {
        await RegisterAsync("cred");
        var started = await new BeginPasskeySignInCommandHandler(_webAuthn, _ceremonies).Handle(new BeginPasskeySignInCommand(), default);
        switch (how)
        {
            case "invalid": _webAuthn.Refuse = PasskeyFailure.Invalid; break;
            case "disabled": _kit.Users.SimulateConcurrentWrite(_alice.Id, u => u.Disable(TestUsers.Epoch)); break;
            case "erased": _kit.Users.TryMarkErasing(_alice.Id, TestUsers.Epoch); _kit.Users.RemoveErasing(_alice.Id); break;
            case "replayed": _webAuthn.Assertion = new VerifiedAssertion(0, false); await _kit.Passkeys.TryRecordUseAsync(Passkey.IdOf("cred"u8.ToArray()), 5, false, TestUsers.Epoch, default); break;
        }

        var act = () => SignIn().Handle(new PasskeySignInCommand(started.CeremonyId, how is "garbled" or "unknown" ? how : "cred"), default);

        (await act.Should().ThrowAsync<UnauthorizedException>()).Which.Message.Should().Be(PasskeyRules.SignInRefused);
        var failed = _kit.Log.Entries.Should().ContainSingle(e => e.EventId.Name == "PasskeySignInFailed").Subject;
        failed["Reason"].Should().Be(reason);
        failed["UserId"].Should().Be(ownerKnown ? _alice.Id.Value : null);
        _kit.Store.All.Should().BeEmpty("no session starts");
        _kit.ActivityLog.All.Should().NotContain(e => e.Kind == ActivityKind.SignIn);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task An_unconfirmed_address_signs_in_with_a_passkey_unless_confirmation_is_required(bool required, bool signsIn)
    {
        var eve = _kit.Users.Seed(TestUsers.New(id: "000000000000000000000e7e", email: "eve@example.com"));
        _current.Set(TestUsers.Confirmed(eve));
        await RegisterAsync("eves");
        _kit.Accounts.RequireConfirmedEmail = required;
        var started = await new BeginPasskeySignInCommandHandler(_webAuthn, _ceremonies).Handle(new BeginPasskeySignInCommand(), default);

        var act = () => SignIn().Handle(new PasskeySignInCommand(started.CeremonyId, "eves"), default);

        if (signsIn)
        {
            await act.Should().NotThrowAsync();
        }
        else
        {
            await act.Should().ThrowAsync<EmailNotConfirmedException>();
            _kit.Log.Entries.Should().ContainSingle(e => e.EventId.Name == "PasskeySignInFailed").Which["Reason"].Should().Be(PasskeyFailure.EmailNotConfirmed);
            _kit.Store.All.Should().BeEmpty();
        }
    }

    [Fact]
    public async Task The_owner_lists_gets_renames_and_removes_a_passkey_and_another_accounts_or_a_malformed_id_is_not_found()
    {
        var laptop = await RegisterAsync("laptop", "Laptop");
        _kit.Clock.Advance(TimeSpan.FromSeconds(1));
        var phone = await RegisterAsync("phone", "Phone");

        var list = await new ListPasskeysQueryHandler(_current, _kit.Passkeys).Handle(new ListPasskeysQuery(), default);
        var got = await new GetPasskeyQueryHandler(_current, _kit.Passkeys).Handle(new GetPasskeyQuery(phone.Id), default);
        var renamed = await new RenamePasskeyCommandHandler(_current, _kit.Passkeys).Handle(new RenamePasskeyCommand(laptop.Id, "  Work laptop "), default);
        await Remove(phone.Id);

        list.Should().Equal(laptop, phone);
        got.Should().Be(phone);
        renamed.Should().Be(laptop with { Name = "Work laptop" });
        (await _kit.Passkeys.ListAsync(_alice.Id, default)).Select(p => p.Name).Should().Equal("Work laptop");
        var removed = _kit.Log.Entries.Should().ContainSingle(e => e.EventId.Name == "PasskeysRemoved").Subject;
        (removed["Count"], removed["Cause"]).Should().Be((1, "owner"));
        _kit.ActivityLog.All[0].Kind.Should().Be(ActivityKind.PasskeyRemoved);

        var bob = _kit.Users.Seed(TestUsers.Confirmed(TestUsers.New(id: "000000000000000000000b0b", email: "bob@example.com")));
        _current.Set(bob);
        foreach (var id in new[] { laptop.Id, phone.Id, laptop.Id.ToUpperInvariant(), "not an id" })
        {
            await FluentActions.Awaiting(() => new GetPasskeyQueryHandler(_current, _kit.Passkeys).Handle(new GetPasskeyQuery(id), default))
                .Should().ThrowAsync<NotFoundException>().WithMessage("No passkey with this id.");
            await FluentActions.Awaiting(() => new RenamePasskeyCommandHandler(_current, _kit.Passkeys).Handle(new RenamePasskeyCommand(id, "Mine"), default))
                .Should().ThrowAsync<NotFoundException>();
            await FluentActions.Awaiting(() => Remove(id)).Should().ThrowAsync<NotFoundException>();
        }

        (await _kit.Passkeys.ListAsync(_alice.Id, default)).Select(p => p.Name).Should().Equal("Work laptop");
    }

    [Fact]
    public async Task A_malformed_id_never_reaches_the_store()
    {
        var store = Substitute.For<IPasskeyStore>();

        await FluentActions.Awaiting(() => new RenamePasskeyCommandHandler(_current, store).Handle(new RenamePasskeyCommand("not an id", "Mine"), default))
            .Should().ThrowAsync<NotFoundException>();
        await FluentActions.Awaiting(() => new RemovePasskeyCommandHandler(_current, store, _kit.Events, _kit.Activity).Handle(new RemovePasskeyCommand("not an id"), default))
            .Should().ThrowAsync<NotFoundException>();

        store.ReceivedCalls().Should().BeEmpty();
    }

    [Fact]
    public void The_validators_want_a_ceremony_id_a_bounded_credential_and_a_name_of_1_to_64_characters()
    {
        var ceremony = new string('a', 24);
        var register = new RegisterPasskeyCommandValidator();
        var signIn = new PasskeySignInCommandValidator();
        var rename = new RenamePasskeyCommandValidator();

        register.Validate(new RegisterPasskeyCommand(ceremony, "{}", null)).IsValid.Should().BeTrue();
        register.Validate(new RegisterPasskeyCommand(ceremony, new string('c', PasskeyRules.MaxCredentialLength), new string('n', 64))).IsValid.Should().BeTrue();
        register.Validate(new RegisterPasskeyCommand(ceremony, new string('c', PasskeyRules.MaxCredentialLength + 1), null)).Errors.Should().ContainSingle()
            .Which.ErrorMessage.Should().Be("Credential must be at most 32768 characters.");
        register.Validate(new RegisterPasskeyCommand(ceremony, "", null)).Errors.Should().ContainSingle().Which.ErrorMessage.Should().StartWith("Credential is required");
        register.Validate(new RegisterPasskeyCommand(ceremony, "{}", new string('n', 65))).Errors.Should().ContainSingle().Which.ErrorMessage.Should().Be("Name must be 1–64 characters when given.");
        register.Validate(new RegisterPasskeyCommand(ceremony, "{}", "   ")).IsValid.Should().BeFalse();
        register.Validate(new RegisterPasskeyCommand("A" + ceremony[1..], "{}", null)).Errors.Should().ContainSingle().Which.ErrorMessage.Should().StartWith("CeremonyId must be");
        signIn.Validate(new PasskeySignInCommand(ceremony, new string('c', PasskeyRules.MaxCredentialLength))).IsValid.Should().BeTrue();
        signIn.Validate(new PasskeySignInCommand(ceremony[1..], "{}")).Errors.Should().ContainSingle().Which.ErrorMessage.Should().StartWith("CeremonyId must be");
        signIn.Validate(new PasskeySignInCommand(ceremony, "")).Errors.Should().ContainSingle().Which.ErrorMessage.Should().StartWith("Credential is required");
        signIn.Validate(new PasskeySignInCommand(ceremony, new string('c', PasskeyRules.MaxCredentialLength + 1))).IsValid.Should().BeFalse();
        rename.Validate(new RenamePasskeyCommand(ceremony, " " + new string('n', 64) + " ")).IsValid.Should().BeTrue();
        rename.Validate(new RenamePasskeyCommand(ceremony, new string('n', 65))).Errors.Should().ContainSingle().Which.ErrorMessage.Should().Be("Name must be 1–64 characters.");
        rename.Validate(new RenamePasskeyCommand(ceremony, " ")).IsValid.Should().BeFalse();
        rename.Validate(new RenamePasskeyCommand(ceremony, null!)).IsValid.Should().BeFalse();
    }

    [Fact]
    public void What_the_owner_sees_and_what_a_log_line_shows_hold_no_key_material()
    {
        var passkey = new Passkey("id", _alice.Id, [1], [2], 3, true, false, ["usb"], [4], "Key", TestUsers.Epoch, TestUsers.Epoch.AddDays(1));

        PasskeyInfo.From(passkey).Should().Be(new PasskeyInfo("id", "Key", TestUsers.Epoch, TestUsers.Epoch.AddDays(1), false));
        passkey.ToString().Should().Be($"Passkey {{ Id = id, UserId = {_alice.Id}, SignCount = 3, Name = Key }}");
        new PasskeySignInCommand("c", "secret credential").ToString().Should().Be("PasskeySignInCommand { CeremonyId = c }");
        new RegisterPasskeyCommand("c", "secret credential", "n").ToString().Should().Be("RegisterPasskeyCommand { CeremonyId = c, Name = n }");
        new PasskeyCeremony("c", PasskeyCeremonyKind.SignIn, _alice.Id, "challenge", TestUsers.Epoch).ToString()
            .Should().Be($"PasskeyCeremony {{ Id = c, Kind = SignIn, UserId = {_alice.Id}, ExpiresAt = {TestUsers.Epoch} }}");
    }

    private Task<CeremonyStarted> BeginRegistrationAsync() =>
        new BeginPasskeyRegistrationCommandHandler(_current, _kit.Passkeys, _webAuthn, _ceremonies).Handle(new BeginPasskeyRegistrationCommand(), default);

    private async Task<PasskeyInfo> RegisterAsync(string credential, string? name = null)
    {
        var started = await BeginRegistrationAsync();
        return await Register().Handle(new RegisterPasskeyCommand(started.CeremonyId, credential, name), default);
    }

    private RegisterPasskeyCommandHandler Register() => new(_current, _kit.Passkeys, _webAuthn, _ceremonies, _kit.Events, _kit.Activity, _kit.Clock);

    private PasskeySignInCommandHandler SignIn() =>
        new(_kit.Passkeys, _webAuthn, _ceremonies, _kit.Users, _kit.RefreshTokens, Options.Create(_kit.Accounts), _kit.Events, _kit.Activity, _kit.Clock);

    private Task Remove(string id) => new RemovePasskeyCommandHandler(_current, _kit.Passkeys, _kit.Events, _kit.Activity).Handle(new RemovePasskeyCommand(id), default);

    /// <summary>
    /// WebAuthn as the tests set it: a credential is its id's UTF-8 text, and it verifies unless <see cref="Refuse"/> is set.
    /// It checks that each answer comes back with the options its own ceremony sent.
    /// </summary>
    private sealed class StubWebAuthn : IWebAuthn
    {
        public const string CreationJson = "{\"creation\":true}";
        public const string RequestJson = "{\"request\":true}";

        public PasskeyUser? User { get; private set; }

        public IReadOnlyCollection<byte[]> Excluded { get; private set; } = [];

        public PasskeyFailure? Refuse { get; set; }

        public VerifiedAssertion Assertion { get; set; } = new(1, false);

        public string CreationOptions(PasskeyUser user, IReadOnlyCollection<byte[]> excludeCredentialIds)
        {
            (User, Excluded) = (user, excludeCredentialIds);
            return CreationJson;
        }

        public Task<NewPasskeyCredential> VerifyRegistrationAsync(string options, string credential, CancellationToken cancellationToken)
        {
            options.Should().Be(CreationJson);
            return Refuse is { } reason
                ? throw new PasskeyVerificationException(reason, "refused")
                : Task.FromResult(new NewPasskeyCredential(Encoding.UTF8.GetBytes(credential), [9, 9], 0, true, false, ["internal"], []));
        }

        public string RequestOptions() => RequestJson;

        public byte[]? CredentialIdOf(string assertion) => assertion == "garbled" ? null : Encoding.UTF8.GetBytes(assertion);

        public Task<VerifiedAssertion> VerifyAssertionAsync(string options, string assertion, Passkey stored, CancellationToken cancellationToken)
        {
            options.Should().Be(RequestJson);
            Encoding.UTF8.GetString(stored.CredentialId).Should().Be(assertion);
            return Refuse is { } reason ? throw new PasskeyVerificationException(reason, "refused") : Task.FromResult(Assertion);
        }
    }
}
