using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Accounts.Refresh;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Users;
using CleanAuth.Tests.Unit.Fakes;

namespace CleanAuth.Tests.Unit.Application.Accounts;

public sealed class RefreshCommandHandlerTests
{
    private readonly AccountFakes _kit = new();
    private readonly RefreshCommandHandler _handler;
    private readonly User _alice;

    public RefreshCommandHandlerTests()
    {
        _handler = new RefreshCommandHandler(_kit.Store, _kit.Users, _kit.RefreshTokens, _kit.Events, _kit.Clock);
        _alice = _kit.Users.Seed(TestUsers.New());
    }

    [Fact]
    public async Task A_live_token_is_spent_and_replaced_by_one_of_the_same_family()
    {
        var first = await _kit.RefreshTokens.StartSessionAsync(_alice, default);
        _kit.Clock.Advance(TimeSpan.FromDays(1));

        var second = await _handler.Handle(new RefreshCommand(first.RefreshToken), default);

        second.RefreshToken.Should().NotBe(first.RefreshToken);
        second.AccessToken.Should().Be(FakeTokenService.TokenFor(_alice));
        var tokens = _kit.Store.All;
        tokens.Should().HaveCount(2);
        tokens.Select(t => t.SessionId).Distinct().Should().ContainSingle();
        tokens.Single(t => t.TokenHash == RefreshTokens.HashOf(first.RefreshToken)).SpentAt.Should().Be(_kit.Clock.GetUtcNow());
        tokens.Single(t => t.TokenHash == RefreshTokens.HashOf(second.RefreshToken)).ExpiresAt.Should().Be(_kit.Clock.GetUtcNow().AddDays(14));
    }

    [Fact]
    public async Task A_refresh_keeps_the_sign_in_time_of_the_login_that_started_the_family()
    {
        var signedInAt = _kit.Clock.GetUtcNow();
        var first = await _kit.RefreshTokens.StartSessionAsync(_alice, default);
        _kit.Clock.Advance(TimeSpan.FromHours(2));

        var second = await _handler.Handle(new RefreshCommand(first.RefreshToken), default);
        _kit.Clock.Advance(TimeSpan.FromHours(2));
        await _handler.Handle(new RefreshCommand(second.RefreshToken), default);

        _kit.Tokens.AuthTimes.Should().Equal([signedInAt, signedInAt, signedInAt], "a refresh token never makes a sign-in recent");
        _kit.Store.All.Should().OnlyContain(t => t.SignedInAt == signedInAt);
    }

    [Fact]
    public async Task A_family_from_before_sign_in_times_were_kept_stays_without_one()
    {
        var legacy = await _kit.RefreshTokens.StartSessionAsync(_alice, null, default);

        await _handler.Handle(new RefreshCommand(legacy.RefreshToken), default);

        _kit.Tokens.AuthTimes.Should().Equal([null, null]);
    }

    [Fact]
    public async Task Reusing_a_spent_token_revokes_the_family_and_logs_reuse()
    {
        var first = await _kit.RefreshTokens.StartSessionAsync(_alice, default);
        var second = await _handler.Handle(new RefreshCommand(first.RefreshToken), default);

        await Refused(first.RefreshToken);

        _kit.Store.All.Should().OnlyContain(t => t.RevokedAt != null);
        await Refused(second.RefreshToken);
        var reuse = _kit.Log.Entries.Should().ContainSingle(e => e.EventId.Name == "RefreshTokenReuseDetected").Subject;
        reuse["UserId"].Should().Be(_alice.Id.Value);
        reuse["ClientIp"].Should().Be(_kit.Client.ClientIp);
        reuse.Message.Should().NotContain(first.RefreshToken);
    }

    [Fact]
    public async Task Losing_the_rotation_to_a_concurrent_refresh_counts_as_reuse_and_kills_the_winners_token_too()
    {
        var first = await _kit.RefreshTokens.StartSessionAsync(_alice, default);
        _kit.Store.BeforeRotate = spent =>
        {
            // The other refresh of the same token rotates the family first.
            _kit.Store.BeforeRotate = null;
            var winner = spent with { Id = "winner", TokenHash = "winner-hash", SpentAt = null };
            _kit.Store.TryRotateAsync(spent, winner, default).Result.Should().BeTrue();
        };

        await Refused(first.RefreshToken);

        _kit.Store.All.Should().HaveCount(2).And.OnlyContain(t => t.RevokedAt != null);
        _kit.EventNames.Should().ContainSingle(e => e == "RefreshTokenReuseDetected");
    }

    [Fact]
    public async Task A_refresh_that_loses_to_a_logout_is_refused_and_reports_no_reuse()
    {
        var first = await _kit.RefreshTokens.StartSessionAsync(_alice, default);
        _kit.Store.BeforeRotate = spent => _kit.Store.EndSessionAsync(spent.UserId, spent.SessionId, _kit.Clock.GetUtcNow(), default).Wait();

        await Refused(first.RefreshToken);

        _kit.Store.All.Should().ContainSingle().Which.Should().Match<CleanAuth.Application.Accounts.Ports.StoredRefreshToken>(t => t.RevokedAt != null && t.SpentAt == null);
        _kit.EventNames.Should().NotContain("RefreshTokenReuseDetected");
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA!")]
    public async Task Unknown_and_malformed_tokens_are_refused_with_the_one_message(string token)
    {
        (await Refused(token)).Message.Should().Be(RefreshCommandHandler.InvalidRefreshToken);
    }

    [Fact]
    public async Task A_token_expires_after_the_sliding_lifetime_and_a_family_at_its_absolute_end()
    {
        var idle = await _kit.RefreshTokens.StartSessionAsync(_alice, default);
        var active = await _kit.RefreshTokens.StartSessionAsync(_alice, default);

        for (var i = 0; i < 3; i++)
        {
            _kit.Clock.Advance(TimeSpan.FromDays(9));
            active = await _handler.Handle(new RefreshCommand(active.RefreshToken), default);
        }

        await Refused(idle.RefreshToken);
        active.RefreshExpiresIn.Should().Be((int)TimeSpan.FromDays(3).TotalSeconds);
        _kit.Clock.Advance(TimeSpan.FromDays(3));
        await Refused(active.RefreshToken);
    }

    [Fact]
    public async Task A_family_issued_before_a_security_stamp_change_or_for_a_disabled_user_is_refused()
    {
        var stale = await _kit.RefreshTokens.StartSessionAsync(_alice, default);
        _kit.Users.SimulateConcurrentWrite(_alice.Id, u => u.RotateSecurityStamp(TestUsers.Epoch));
        await Refused(stale.RefreshToken);

        var current = (await _kit.Users.FindByIdAsync(_alice.Id, default))!;
        var fresh = await _kit.RefreshTokens.StartSessionAsync(current, default);
        _kit.Users.SimulateConcurrentWrite(_alice.Id, u => u.Disable(TestUsers.Epoch));
        await Refused(fresh.RefreshToken);
    }

    [Fact]
    public async Task A_token_presented_at_the_instant_it_expires_is_refused_as_expired_not_as_a_reuse()
    {
        var pair = await _kit.RefreshTokens.StartSessionAsync(_alice, default);
        _kit.Clock.Advance(_kit.RefreshOptions.SlidingLifetime);

        await Refused(pair.RefreshToken);

        _kit.EventNames.Should().NotContain("RefreshTokenReuseDetected");
        _kit.Store.All.Should().ContainSingle().Which.RevokedAt.Should().BeNull("an expired token ends nothing");
    }

    [Fact]
    public async Task A_token_presented_just_before_it_expires_is_still_accepted()
    {
        var pair = await _kit.RefreshTokens.StartSessionAsync(_alice, default);
        _kit.Clock.Advance(_kit.RefreshOptions.SlidingLifetime - TimeSpan.FromTicks(1));

        (await _handler.Handle(new RefreshCommand(pair.RefreshToken), default)).AccessToken.Should().NotBeEmpty();
    }

    [Fact]
    public async Task A_token_whose_family_ends_now_is_refused_as_expired_even_if_the_token_would_live_on()
    {
        // The stores keep the family's end apart from the token's own (a family record and a token record);
        // each is honoured on its own, whatever a store hands back.
        const string token = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNO-_";
        var now = _kit.Clock.GetUtcNow();
        await _kit.Store.StartSessionAsync(new StoredRefreshToken(
            "t1", RefreshTokens.HashOf(token)!, _alice.Id, "f1", _alice.SecurityStamp, now.AddDays(-30), now.AddDays(1), now, null, null), default);

        await Refused(token);

        _kit.EventNames.Should().NotContain("RefreshTokenReuseDetected");
        _kit.Store.All.Should().ContainSingle().Which.RevokedAt.Should().BeNull();
    }

    [Fact]
    public async Task A_spent_token_replayed_after_the_stamp_moved_on_is_still_reported_as_reuse()
    {
        var first = await _kit.RefreshTokens.StartSessionAsync(_alice, default);
        await _handler.Handle(new RefreshCommand(first.RefreshToken), default);
        // A password change whose revocation of the families was lost (a crash between its two writes).
        _kit.Users.SimulateConcurrentWrite(_alice.Id, u => u.RotateSecurityStamp(TestUsers.Epoch));

        await Refused(first.RefreshToken);

        _kit.EventNames.Should().ContainSingle(e => e == "RefreshTokenReuseDetected");
        _kit.Store.All.Should().OnlyContain(t => t.RevokedAt != null);
    }

    [Fact]
    public async Task A_family_of_an_account_that_no_longer_exists_is_refused_and_revoked()
    {
        var gone = TestUsers.New(id: "000000000000000000000bad", email: "gone@example.com");
        var pair = await _kit.RefreshTokens.StartSessionAsync(gone, default);

        await Refused(pair.RefreshToken);

        _kit.Store.All.Should().ContainSingle().Which.RevokedAt.Should().NotBeNull();
    }

    [Fact]
    public async Task A_disabled_account_is_refused_even_with_a_token_carrying_its_current_stamp()
    {
        _kit.Users.SimulateConcurrentWrite(_alice.Id, u => u.Disable(TestUsers.Epoch));
        var disabled = (await _kit.Users.FindByIdAsync(_alice.Id, default))!;
        var pair = await _kit.RefreshTokens.StartSessionAsync(disabled, default);

        await Refused(pair.RefreshToken);

        _kit.Store.All.Should().ContainSingle().Which.RevokedAt.Should().NotBeNull();
    }

    [Fact]
    public void Only_a_missing_token_is_a_400_any_other_value_is_the_handlers_to_refuse()
    {
        new RefreshCommandValidator().Validate(new RefreshCommand(null!)).Errors.Should().ContainSingle().Which.ErrorMessage.Should().Be("RefreshToken is required.");
        new RefreshCommandValidator().Validate(new RefreshCommand("")).IsValid.Should().BeTrue();
    }

    private async Task<UnauthorizedException> Refused(string token)
    {
        var act = () => _handler.Handle(new RefreshCommand(token), default);
        return (await act.Should().ThrowAsync<UnauthorizedException>()).Which;
    }
}
