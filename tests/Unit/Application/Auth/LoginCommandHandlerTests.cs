using CleanAuth.Application.Auth.Login;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Users;
using CleanAuth.Tests.Unit.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace CleanAuth.Tests.Unit.Application.Auth;

public sealed class LoginCommandHandlerTests
{
    private const string Password = "correct horse battery staple";

    private readonly InMemoryUserRepository _users = new();
    private readonly FakePasswordHasher _hasher = new();
    private readonly FakeTokenService _tokens = new() { ExpiresInSeconds = 600 };
    private readonly FakeTimeProvider _clock = new(TestUsers.Epoch);
    private readonly FakeAuthMetrics _metrics = new();
    private readonly CapturingLogger<LoginCommandHandler> _logger = new();
    private readonly LoginCommandHandler _handler;
    private readonly User _alice;

    public LoginCommandHandlerTests()
    {
        _handler = new LoginCommandHandler(_users, _hasher, _tokens, _metrics, _logger, _clock);
        _alice = _users.Seed(TestUsers.New(email: "alice@example.com", password: Password));
    }

    [Fact]
    public async Task Right_credentials_return_a_bearer_token_for_the_user()
    {
        var result = await _handler.Handle(new LoginCommand("alice@example.com", Password), default);

        result.TokenType.Should().Be("Bearer");
        result.AccessToken.Should().Be(FakeTokenService.TokenFor(_alice));
        result.ExpiresIn.Should().Be(600);
        _tokens.IssuedFor.Should().ContainSingle().Which.Id.Should().Be(_alice.Id);
    }

    [Fact]
    public async Task Unknown_email_is_unauthorized_and_the_hasher_still_verifies_against_a_null_hash()
    {
        var act = () => _handler.Handle(new LoginCommand("nobody@example.com", Password), default);

        await act.Should().ThrowAsync<UnauthorizedException>().WithMessage(LoginCommandHandler.InvalidCredentials);
        _hasher.VerifyCalls.Should().ContainSingle().Which.Should().Be(((string?)null, Password));
        _tokens.IssuedFor.Should().BeEmpty();
    }

    [Fact]
    public async Task Wrong_password_gets_the_same_answer_as_an_unknown_email()
    {
        var unknown = await CaptureUnauthorized(new LoginCommand("nobody@example.com", Password));
        var wrongPassword = await CaptureUnauthorized(new LoginCommand("alice@example.com", "not the password"));

        wrongPassword.Message.Should().Be(unknown.Message);
        wrongPassword.GetType().Should().Be(unknown.GetType());
        _hasher.VerifyCalls.Should().HaveCount(2);
        _hasher.VerifyCalls[1].PasswordHash.Should().Be(_alice.PasswordHash);
        _tokens.IssuedFor.Should().BeEmpty();
    }

    [Fact]
    public async Task Disabled_account_with_the_right_password_gets_the_same_answer_as_an_unknown_email()
    {
        var disabled = _users.Seed(TestUsers.New(id: "000000000000000000000bbb", email: "bob@example.com", password: Password));
        _users.SimulateConcurrentWrite(disabled.Id, u => u.Disable(TestUsers.Epoch));
        var unknown = await CaptureUnauthorized(new LoginCommand("nobody@example.com", Password));

        var refused = await CaptureUnauthorized(new LoginCommand("bob@example.com", Password));

        refused.Message.Should().Be(unknown.Message);
        _tokens.IssuedFor.Should().BeEmpty();
    }

    [Fact]
    public async Task A_successful_login_with_a_current_hash_does_not_write_to_storage()
    {
        await _handler.Handle(new LoginCommand("alice@example.com", Password), default);

        _users.UpdateCalls.Should().Be(0);
        _users.Stored(_alice.Id)!.PasswordHash.Should().Be(_alice.PasswordHash);
    }

    [Fact]
    public async Task When_the_hasher_asks_for_a_rehash_the_stored_hash_is_replaced()
    {
        _hasher.RequireRehash();
        _clock.Advance(TimeSpan.FromDays(30));

        var result = await _handler.Handle(new LoginCommand("alice@example.com", Password), default);

        result.AccessToken.Should().NotBeNullOrEmpty();
        var stored = _users.Stored(_alice.Id)!;
        stored.PasswordHash.Should().NotBe(_alice.PasswordHash);
        stored.PasswordHash.Should().Be(FakePasswordHasher.Compute(Password, generation: 2));
        _hasher.Verify(stored.PasswordHash, Password).Should().Be(PasswordVerification.Succeeded);
        stored.Version.Should().Be(_alice.Version + 1);
        stored.UpdatedAt.Should().Be(TestUsers.Epoch.AddDays(30));
    }

    [Fact]
    public async Task A_conflict_while_storing_the_rehash_does_not_fail_the_login()
    {
        _hasher.RequireRehash();
        _users.BeforeUpdate = user => _users.SimulateConcurrentWrite(user.Id, u => u.Rename("Renamed elsewhere", TestUsers.Epoch));

        var result = await _handler.Handle(new LoginCommand("alice@example.com", Password), default);

        result.TokenType.Should().Be("Bearer");
        result.AccessToken.Should().Be(FakeTokenService.TokenFor(_alice));
        _users.UpdateCalls.Should().Be(1);
        _users.SuccessfulUpdates.Should().Be(0);
        var stored = _users.Stored(_alice.Id)!;
        stored.Name.Should().Be("Renamed elsewhere", "the other request's write must survive");
        stored.PasswordHash.Should().Be(_alice.PasswordHash);
    }

    [Fact]
    public async Task A_successful_login_is_counted_and_logs_no_failure()
    {
        await _handler.Handle(new LoginCommand("alice@example.com", Password), default);

        _metrics.Succeeded.Should().Be(1);
        _metrics.Failures.Should().BeEmpty();
        _logger.Entries.Should().BeEmpty();
    }

    [Fact]
    public async Task Each_kind_of_failure_is_counted_and_logged_with_its_reason_but_never_the_password_or_email()
    {
        var disabled = _users.Seed(TestUsers.New(id: "000000000000000000000ccc", email: "carol@example.com", password: Password));
        _users.SimulateConcurrentWrite(disabled.Id, u => u.Disable(TestUsers.Epoch));

        await CaptureUnauthorized(new LoginCommand("nobody@example.com", Password));
        await CaptureUnauthorized(new LoginCommand("alice@example.com", "not the password"));
        await CaptureUnauthorized(new LoginCommand("carol@example.com", Password));

        _metrics.Succeeded.Should().Be(0);
        _metrics.Failures.Should().Equal(LoginFailureReason.UnknownAccount, LoginFailureReason.WrongPassword, LoginFailureReason.AccountDisabled);
        _logger.Entries.Should().HaveCount(3).And.OnlyContain(e => e.EventId.Id == 1100 && e.EventId.Name == "LoginFailed" && e.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
        _logger.Entries.Select(e => e["AccountId"]).Should().Equal(new object?[] { null, _alice.Id, disabled.Id });
        _logger.Entries.Should().OnlyContain(e => !e.Message.Contains(Password, StringComparison.Ordinal) && !e.Message.Contains("@example.com", StringComparison.Ordinal));
    }

    private async Task<UnauthorizedException> CaptureUnauthorized(LoginCommand command)
    {
        var act = () => _handler.Handle(command, default);
        return (await act.Should().ThrowAsync<UnauthorizedException>()).Which;
    }
}
