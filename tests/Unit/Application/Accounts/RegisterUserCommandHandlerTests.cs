using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Accounts.RegisterUser;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Users;
using CleanAuth.Tests.Unit.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace CleanAuth.Tests.Unit.Application.Accounts;

public sealed class RegisterUserCommandHandlerTests
{
    private const string Password = "vivid tundra marble quokka";

    // 2026-03-14T09:26:53.1234567Z: sub-millisecond ticks that storage cannot keep.
    private static readonly DateTimeOffset Now = TestUsers.Epoch.AddTicks(1_234_567);

    private readonly InMemoryUserRepository _users = new();
    private readonly FakePasswordHasher _hasher = new();
    private readonly SequentialIdGenerator _ids = new();
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly RegisterUserCommandHandler _handler;

    private readonly AccountFakes _kit = new();

    public RegisterUserCommandHandlerTests() => _handler = new RegisterUserCommandHandler(_users, _hasher, _ids, _kit.Codes, _kit.Events, _clock);

    [Fact]
    public async Task Queues_a_confirmation_email_whose_code_is_stored_only_as_a_hash()
    {
        var result = await _handler.Handle(new RegisterUserCommand("Alice", "alice@example.com", Password), default);

        var mail = _kit.Outbox.Messages.Should().ContainSingle().Which;
        mail.Kind.Should().Be(AccountEmails.ConfirmationKind);
        mail.ToAddress.Should().Be("alice@example.com");
        var code = AccountCodeFormatTests.CodeIn(mail);
        _kit.CodeStore.IssuedHashes.Should().Equal(AccountCodeFormat.Hash(UserId.From(result.Id), AccountCodePurpose.EmailConfirmation, code));
        _kit.CodeStore.IssuedHashes.Single().Should().NotContain(AccountCodeFormat.Normalize(code));
        _kit.EventNames.Should().Equal("EmailConfirmationSent");
        _users.Stored(UserId.From(result.Id))!.EmailConfirmed.Should().BeFalse();
    }

    [Fact]
    public async Task Stores_the_trimmed_name_and_email_under_a_new_id()
    {
        var result = await _handler.Handle(new RegisterUserCommand("  Alice Liddell ", " alice@example.com  ", Password), default);

        result.Id.Should().Be("000000000000000000000001");
        result.Name.Should().Be("Alice Liddell");
        result.Email.Should().Be("alice@example.com");
        var stored = _users.Stored(UserId.From(result.Id));
        stored.Should().NotBeNull();
        stored!.Name.Should().Be("Alice Liddell");
        stored.Email.Should().Be("alice@example.com");
        stored.IsDisabled.Should().BeFalse();
        stored.Roles.Should().BeEmpty();
        stored.SecurityStamp.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Stores_a_hash_of_the_password_and_never_the_password_itself()
    {
        var result = await _handler.Handle(new RegisterUserCommand("Alice", "alice@example.com", Password), default);

        var stored = _users.Stored(UserId.From(result.Id))!;
        _hasher.HashCalls.Should().Equal(Password);
        stored.PasswordHash.Should().NotContain(Password);
        stored.PasswordHash.Should().Be(FakePasswordHasher.Compute(Password));
        _hasher.Verify(stored.PasswordHash, Password).Should().Be(PasswordVerification.Succeeded);
    }

    [Fact]
    public async Task CreatedAt_is_the_clock_time_truncated_to_milliseconds()
    {
        var result = await _handler.Handle(new RegisterUserCommand("Alice", "alice@example.com", Password), default);

        var expected = new DateTimeOffset(2026, 3, 14, 9, 26, 53, 123, TimeSpan.Zero);
        result.CreatedAt.Should().Be(expected);
        result.CreatedAt.Ticks.Should().Be(expected.Ticks);
        _users.Stored(UserId.From(result.Id))!.CreatedAt.Should().Be(expected);
        _users.Stored(UserId.From(result.Id))!.UpdatedAt.Should().Be(expected);
    }

    [Theory]
    [InlineData("alice@example.com")]
    [InlineData("ALICE@EXAMPLE.COM")]
    [InlineData("  Alice@Example.com\t")]
    public async Task A_second_account_for_the_same_email_is_a_conflict(string sameEmail)
    {
        var first = await _handler.Handle(new RegisterUserCommand("Alice", "alice@example.com", Password), default);

        var act = () => _handler.Handle(new RegisterUserCommand("Impostor", sameEmail, "another long password"), default);

        (await act.Should().ThrowAsync<ConflictException>()).Which.Message.Should().Be("An account with this email already exists.");
        _users.Count.Should().Be(1);
        _users.Stored(UserId.From(first.Id))!.Name.Should().Be("Alice");
        _users.Stored(UserId.From(first.Id))!.PasswordHash.Should().Be(FakePasswordHasher.Compute(Password));
    }

    [Fact]
    public void A_printed_registration_names_the_email_and_never_the_password()
    {
        var printed = new RegisterUserCommand("Alice", "alice@example.com", Password).ToString();

        printed.Should().Contain("alice@example.com").And.NotContain(Password);
    }

    [Fact]
    public async Task Different_emails_get_different_accounts()
    {
        var a = await _handler.Handle(new RegisterUserCommand("Alice", "alice@example.com", Password), default);
        var b = await _handler.Handle(new RegisterUserCommand("Bob", "bob@example.com", Password), default);

        a.Id.Should().NotBe(b.Id);
        _users.Count.Should().Be(2);
        _users.Stored(UserId.From(a.Id))!.SecurityStamp.Should().NotBe(_users.Stored(UserId.From(b.Id))!.SecurityStamp);
    }
}
