using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Login;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Common.Models;
using CleanAuth.Domain.Users;
using CleanAuth.Tests.Unit.Fakes;

namespace CleanAuth.Tests.Unit.Application.Accounts;

public sealed class LoginCommandHandlerTests
{
    private const string Password = "correct horse battery staple";

    private readonly AccountFakes _kit = new();
    private readonly FakeAuthMetrics _metrics = new();
    private readonly LoginCommandHandler _handler;
    private readonly User _alice;

    public LoginCommandHandlerTests()
    {
        _kit.Tokens.ExpiresInSeconds = 600;
        _handler = _kit.Login(_metrics);
        _alice = _kit.Users.Seed(TestUsers.New(email: "alice@example.com", password: Password));
    }

    [Fact]
    public async Task Right_credentials_return_a_bearer_token_and_a_refresh_token_of_a_new_family_and_a_device_token()
    {
        var signedIn = await _handler.Handle(new LoginCommand("alice@example.com", Password), default);
        var result = signedIn.Tokens;

        result.TokenType.Should().Be("Bearer");
        result.AccessToken.Should().Be(FakeTokenService.TokenFor(_alice));
        result.ExpiresIn.Should().Be(600);
        result.RefreshToken.Should().MatchRegex("^[A-Za-z0-9_-]{43}$", "256 random bits in base64url");
        result.RefreshExpiresIn.Should().Be((int)TimeSpan.FromDays(14).TotalSeconds);
        var stored = _kit.Store.All.Should().ContainSingle().Subject;
        stored.TokenHash.Should().Be(RefreshTokens.HashOf(result.RefreshToken)).And.NotContain(result.RefreshToken);
        stored.UserId.Should().Be(_alice.Id);
        stored.SessionExpiresAt.Should().Be(TestUsers.Epoch.AddDays(30));
        _kit.EventNames.Should().Equal("LoginSucceeded");
        _metrics.Succeeded.Should().Be(1);
        signedIn.DeviceToken.Should().Be(FakeDeviceTokens.TokenFor("alice@example.com"), "the client is now a known device for the address it signed in to");
    }

    [Fact]
    public async Task Each_failure_is_counted_with_its_reason()
    {
        var unknown = () => _handler.Handle(new LoginCommand("nobody@example.com", Password), default);
        var wrong = () => _handler.Handle(new LoginCommand("alice@example.com", "not " + Password), default);

        await unknown.Should().ThrowAsync<UnauthorizedException>();
        await wrong.Should().ThrowAsync<UnauthorizedException>();

        _metrics.Failures.Should().Equal(SignInFailure.UnknownEmail, SignInFailure.WrongPassword);
        _metrics.Succeeded.Should().Be(0);
        _kit.Devices.IssuedFor.Should().BeEmpty("only a sign-in that succeeded makes a known device");
    }

    [Fact]
    public async Task A_successful_login_sets_last_login_and_resets_the_failure_count()
    {
        await CaptureUnauthorized(new LoginCommand("alice@example.com", "wrong password"));
        _kit.Users.Stored(_alice.Id)!.FailedLoginCount.Should().Be(1);
        _kit.Clock.Advance(TimeSpan.FromMinutes(3));

        await _handler.Handle(new LoginCommand("alice@example.com", Password), default);

        var stored = _kit.Users.Stored(_alice.Id)!;
        stored.FailedLoginCount.Should().Be(0);
        stored.LastLoginAt.Should().Be(TestUsers.Epoch.AddMinutes(3));
    }

    [Fact]
    public async Task Unknown_email_is_unauthorized_and_the_hasher_still_verifies_against_a_null_hash()
    {
        var refused = await CaptureUnauthorized(new LoginCommand("nobody@example.com", Password));

        refused.Message.Should().Be(LoginCommandHandler.InvalidCredentials);
        _kit.Hasher.VerifyCalls.Should().ContainSingle().Which.Should().Be(((string?)null, Password));
        _kit.Tokens.IssuedFor.Should().BeEmpty();
        _kit.Log.Entries.Should().ContainSingle(e => e.EventId.Name == "LoginFailed")
            .Which["Reason"].Should().Be(SignInFailure.UnknownEmail);
    }

    [Fact]
    public async Task Wrong_password_gets_the_same_answer_as_an_unknown_email_and_is_counted()
    {
        var unknown = await CaptureUnauthorized(new LoginCommand("nobody@example.com", Password));
        var wrongPassword = await CaptureUnauthorized(new LoginCommand("alice@example.com", "not the password"));

        wrongPassword.Message.Should().Be(unknown.Message);
        _kit.Hasher.VerifyCalls.Should().HaveCount(2);
        _kit.Users.Stored(_alice.Id)!.FailedLoginCount.Should().Be(1);
        _kit.Store.All.Should().BeEmpty();
    }

    [Fact]
    public async Task Disabled_account_with_the_right_password_gets_the_same_answer_as_an_unknown_email()
    {
        _kit.Users.SimulateConcurrentWrite(_alice.Id, u => u.Disable(TestUsers.Epoch));
        var unknown = await CaptureUnauthorized(new LoginCommand("nobody@example.com", Password));

        var refused = await CaptureUnauthorized(new LoginCommand("alice@example.com", Password));

        refused.Message.Should().Be(unknown.Message);
        _kit.Tokens.IssuedFor.Should().BeEmpty();
    }

    [Fact]
    public async Task Five_failures_lock_the_account_for_five_minutes_even_against_the_right_password_then_it_opens_again()
    {
        for (var i = 0; i < 5; i++)
        {
            await CaptureUnauthorized(new LoginCommand("alice@example.com", "wrong " + i));
        }

        _kit.Log.Entries.Should().ContainSingle(e => e.EventId.Name == "AccountLocked")
            .Which["LockoutEnd"].Should().Be(TestUsers.Epoch.AddMinutes(5));
        _kit.Users.Stored(_alice.Id)!.LockoutEnd.Should().Be(TestUsers.Epoch.AddMinutes(5));

        _kit.Clock.Advance(TimeSpan.FromMinutes(4));
        var whileLocked = await CaptureUnauthorized(new LoginCommand("alice@example.com", Password));
        whileLocked.Message.Should().Be(LoginCommandHandler.InvalidCredentials);
        _kit.Log.Entries.Last(e => e.EventId.Name == "LoginFailed")["Reason"].Should().Be(SignInFailure.LockedOut);

        _kit.Clock.Advance(TimeSpan.FromMinutes(1));
        (await _handler.Handle(new LoginCommand("alice@example.com", Password), default)).Tokens.AccessToken.Should().NotBeEmpty();
    }

    [Fact]
    public async Task After_a_lockout_ends_the_counter_starts_again_from_zero()
    {
        for (var i = 0; i < 5; i++)
        {
            await CaptureUnauthorized(new LoginCommand("alice@example.com", "wrong"));
        }

        _kit.Clock.Advance(TimeSpan.FromMinutes(5));
        await CaptureUnauthorized(new LoginCommand("alice@example.com", "wrong"));

        var stored = _kit.Users.Stored(_alice.Id)!;
        stored.FailedLoginCount.Should().Be(1);
        stored.IsLockedOut(_kit.Clock.GetUtcNow()).Should().BeFalse();
    }

    [Fact]
    public async Task A_failure_is_counted_by_the_store_even_when_another_request_saved_the_user_in_between()
    {
        _kit.Users.SimulateConcurrentWrite(_alice.Id, u => u.Rename(PersonName.Create("Renamed elsewhere"), TestUsers.Epoch));

        await CaptureUnauthorized(new LoginCommand("alice@example.com", "wrong"));

        var stored = _kit.Users.Stored(_alice.Id)!;
        stored.FailedLoginCount.Should().Be(1, "the failure is one atomic increment, not a versioned write");
        stored.Name.Should().Be("Renamed elsewhere", "the other write survives");
        _kit.Users.UpdateCalls.Should().Be(0);
    }

    [Fact]
    public async Task Once_the_budget_is_spent_a_guess_is_not_weighed_even_the_right_one()
    {
        for (var i = 0; i < _kit.Lockout.MaxFailedAttempts; i++)
        {
            await CaptureUnauthorized(new LoginCommand("alice@example.com", "wrong " + i));
        }

        await CaptureUnauthorized(new LoginCommand("alice@example.com", Password));

        _kit.Log.Entries.Where(e => e.EventId.Name == "LoginFailed").Select(e => e["Reason"])
            .Should().Equal([.. Enumerable.Repeat<object?>(SignInFailure.WrongPassword, 5), SignInFailure.LockedOut]);
        _kit.EventNames.Count(n => n == "AccountLocked").Should().Be(1);
    }

    [Fact]
    public async Task A_disabled_accounts_right_password_clears_the_failure_count_but_records_no_login()
    {
        await CaptureUnauthorized(new LoginCommand("alice@example.com", "wrong password"));
        _kit.Users.SimulateConcurrentWrite(_alice.Id, u => u.Disable(TestUsers.Epoch));
        _kit.Clock.Advance(TimeSpan.FromMinutes(1));

        await CaptureUnauthorized(new LoginCommand("alice@example.com", Password));

        var stored = _kit.Users.Stored(_alice.Id)!;
        stored.FailedLoginCount.Should().Be(0, "a right password must not count toward a lockout waiting for the re-enabled account");
        stored.LastLoginAt.Should().BeNull("a refused login is not a login");
    }

    [Fact]
    public async Task A_login_whose_hash_is_current_hashes_nothing_and_keeps_the_stored_hash()
    {
        await _handler.Handle(new LoginCommand("alice@example.com", Password), default);

        _kit.Hasher.HashCalls.Should().BeEmpty("a login costs one verification, not a second hashing");
        _kit.Users.Stored(_alice.Id)!.PasswordHash.Should().Be(_alice.PasswordHash);
    }

    [Fact]
    public async Task A_printed_sign_in_shows_its_lifetimes_and_no_token()
    {
        var signedIn = await _handler.Handle(new LoginCommand("alice@example.com", Password), default);
        var pair = signedIn.Tokens;

        signedIn.ToString().Should().Contain("ExpiresIn = 600").And.Contain($"RefreshExpiresIn = {pair.RefreshExpiresIn}")
            .And.NotContain(pair.AccessToken).And.NotContain(pair.RefreshToken).And.NotContain(signedIn.DeviceToken);
    }

    [Fact]
    public async Task When_the_hasher_asks_for_a_rehash_the_stored_hash_is_replaced()
    {
        _kit.Hasher.RequireRehash();
        _kit.Clock.Advance(TimeSpan.FromDays(30));

        await _handler.Handle(new LoginCommand("alice@example.com", Password), default);

        var stored = _kit.Users.Stored(_alice.Id)!;
        stored.PasswordHash.Should().Be(FakePasswordHasher.Compute(Password, generation: 2));
        _kit.Hasher.Verify(stored.PasswordHash, Password).Should().Be(PasswordVerification.Succeeded);
    }

    [Fact]
    public async Task A_rehash_does_not_overwrite_a_password_changed_meanwhile()
    {
        _kit.Hasher.RequireRehash();
        _kit.Users.SimulateConcurrentWrite(_alice.Id, u => u.ChangePassword("CHANGED ELSEWHERE", TestUsers.Epoch));
        var staleHandler = _kit.Login(_metrics, new StaleReads(_kit.Users, _alice));

        await staleHandler.Handle(new LoginCommand("alice@example.com", Password), default);

        _kit.Users.Stored(_alice.Id)!.PasswordHash.Should().Be("CHANGED ELSEWHERE");
    }

    [Fact]
    public async Task With_confirmation_required_the_right_password_to_an_unconfirmed_account_is_a_403_that_locks_nobody_out()
    {
        _kit.Accounts.RequireConfirmedEmail = true;
        for (var i = 0; i < 4; i++)
        {
            await CaptureUnauthorized(new LoginCommand("alice@example.com", "wrong password"));
        }

        await _handler.Invoking(h => h.Handle(new LoginCommand("alice@example.com", Password), default)).Should().ThrowAsync<EmailNotConfirmedException>();
        var refusal = await _handler.Invoking(h => h.Handle(new LoginCommand("alice@example.com", Password), default)).Should().ThrowAsync<EmailNotConfirmedException>();

        refusal.Which.Message.Should().Be("Confirm your email address first: use the code we emailed you, or ask for a new one at /api/auth/email/resend.");
        _kit.Users.Stored(_alice.Id)!.FailedLoginCount.Should().Be(0, "the password was right");
        _kit.Users.Stored(_alice.Id)!.LastLoginAt.Should().BeNull("a refused sign-in is not a login");
        _kit.Store.All.Should().BeEmpty();
        _metrics.Failures.Should().EndWith(SignInFailure.EmailNotConfirmed);
    }

    [Fact]
    public async Task With_confirmation_required_a_wrong_password_is_still_the_common_401_and_a_confirmed_account_signs_in()
    {
        _kit.Accounts.RequireConfirmedEmail = true;
        await CaptureUnauthorized(new LoginCommand("alice@example.com", "wrong password"));

        await _kit.Users.MarkEmailConfirmedAsync(_alice.Id, default);
        (await _handler.Handle(new LoginCommand("alice@example.com", Password), default)).Tokens.AccessToken.Should().NotBeEmpty();
    }

    [Fact]
    public async Task Without_confirmation_required_an_unconfirmed_account_signs_in()
    {
        (await _handler.Handle(new LoginCommand("alice@example.com", Password), default)).Tokens.AccessToken.Should().NotBeEmpty();
    }

    // Answers FindByEmail with the user as first read, as if the password changed right after the read.
    private sealed class StaleReads(InMemoryUserRepository inner, User stale) : IUserRepository
    {
        public Task<User?> FindByEmailAsync(string email, CancellationToken cancellationToken) => Task.FromResult<User?>(stale);

        public Task<bool> TryAddAsync(User user, CancellationToken cancellationToken) => inner.TryAddAsync(user, cancellationToken);

        public Task<User?> FindByIdAsync(UserId id, CancellationToken cancellationToken) => inner.FindByIdAsync(id, cancellationToken);

        public Task UpdateAsync(User user, CancellationToken cancellationToken) => inner.UpdateAsync(user, cancellationToken);

        public Task<SignInReservation> ReserveSignInAttemptAsync(UserId userId, DateTimeOffset now, int maxFailedAttempts, TimeSpan lockoutDuration, CancellationToken cancellationToken) =>
            inner.ReserveSignInAttemptAsync(userId, now, maxFailedAttempts, lockoutDuration, cancellationToken);

        public Task RecordSignInSuccessAsync(UserId userId, DateTimeOffset? lastLoginAt, CancellationToken cancellationToken) => inner.RecordSignInSuccessAsync(userId, lastLoginAt, cancellationToken);

        public Task ReplacePasswordHashAsync(UserId userId, string expectedHash, string newHash, CancellationToken cancellationToken) =>
            inner.ReplacePasswordHashAsync(userId, expectedHash, newHash, cancellationToken);

        public Task<PagedList<User>> ListAsync(int page, int pageSize, string? emailContains, CancellationToken cancellationToken) => inner.ListAsync(page, pageSize, emailContains, cancellationToken);

        public Task<long> CountActiveAdminsAsync(CancellationToken cancellationToken) => inner.CountActiveAdminsAsync(cancellationToken);

        public Task MarkEmailConfirmedAsync(UserId userId, CancellationToken cancellationToken) => inner.MarkEmailConfirmedAsync(userId, cancellationToken);
    }

    private async Task<UnauthorizedException> CaptureUnauthorized(LoginCommand command)
    {
        var act = () => _handler.Handle(command, default);
        return (await act.Should().ThrowAsync<UnauthorizedException>()).Which;
    }
}
