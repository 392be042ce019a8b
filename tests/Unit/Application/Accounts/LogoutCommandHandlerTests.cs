using CleanAuth.Application.Accounts.Logout;
using CleanAuth.Application.Accounts.LogoutAll;
using CleanAuth.Application.Common.Behaviours;
using CleanAuth.Tests.Unit.Fakes;
using FluentValidation.TestHelper;

namespace CleanAuth.Tests.Unit.Application.Accounts;

public sealed class LogoutCommandHandlerTests
{
    private readonly AccountFakes _kit = new();

    [Fact]
    public async Task Logout_revokes_the_tokens_family_only_and_logs_it()
    {
        var alice = _kit.Users.Seed(TestUsers.New());
        var ended = await _kit.RefreshTokens.StartSessionAsync(alice, default);
        var kept = await _kit.RefreshTokens.StartSessionAsync(alice, default);
        var handler = new LogoutCommandHandler(_kit.Store, _kit.Events, _kit.Activity, _kit.Clock);

        await handler.Handle(new LogoutCommand(ended.RefreshToken), default);

        _kit.Store.All.Count(t => t.RevokedAt != null).Should().Be(1);
        _kit.Store.All.Single(t => t.RevokedAt == null).TokenHash.Should().Be(CleanAuth.Application.Accounts.Common.RefreshTokens.HashOf(kept.RefreshToken));
        _kit.Log.Entries.Should().ContainSingle(e => e.EventId.Name == "LoggedOut").Which["Scope"].Should().Be("session");
    }

    [Fact]
    public void Logout_without_a_token_is_a_field_error()
    {
        new LogoutCommandValidator().TestValidate(new LogoutCommand(null!))
            .ShouldHaveValidationErrorFor(c => c.RefreshToken).WithErrorMessage("RefreshToken is required.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Logout_with_an_unknown_token_changes_nothing_and_does_not_fail(string token)
    {
        var alice = _kit.Users.Seed(TestUsers.New());
        await _kit.RefreshTokens.StartSessionAsync(alice, default);

        await new LogoutCommandHandler(_kit.Store, _kit.Events, _kit.Activity, _kit.Clock).Handle(new LogoutCommand(token), default);

        _kit.Store.All.Should().OnlyContain(t => t.RevokedAt == null);
        _kit.Log.Entries.Should().BeEmpty();
    }

    [Fact]
    public async Task Logout_all_revokes_every_family_and_rotates_the_stamp()
    {
        var alice = _kit.Users.Seed(TestUsers.New());
        await _kit.RefreshTokens.StartSessionAsync(alice, default);
        await _kit.RefreshTokens.StartSessionAsync(alice, default);
        var current = new CurrentUserAccessor();
        current.Set((await _kit.Users.FindByIdAsync(alice.Id, default))!);

        await new LogoutAllCommandHandler(current, _kit.Users, _kit.Store, _kit.Events, _kit.Activity, _kit.Clock).Handle(new LogoutAllCommand(), default);

        _kit.Store.All.Should().HaveCount(2).And.OnlyContain(t => t.RevokedAt != null);
        _kit.Users.Stored(alice.Id)!.SecurityStamp.Should().NotBe(alice.SecurityStamp);
        _kit.Log.Entries.Should().ContainSingle().Which["Scope"].Should().Be("all");
    }
}
