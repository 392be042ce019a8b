using CleanAuth.Application.Accounts.EndSession;
using CleanAuth.Application.Accounts.ListSessions;
using CleanAuth.Application.Common.Behaviours;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Users;
using CleanAuth.Tests.Unit.Fakes;

namespace CleanAuth.Tests.Unit.Application.Accounts;

public sealed class SessionHandlerTests
{
    private readonly AccountFakes _kit = new();
    private readonly CurrentUserAccessor _current = new();
    private readonly FakeCallerIdentity _caller;
    private readonly User _alice;

    public SessionHandlerTests()
    {
        _alice = _kit.Users.Seed(TestUsers.New());
        _current.Set(_alice);
        _caller = FakeCallerIdentity.For(_alice);
    }

    [Fact]
    public async Task A_sign_in_keeps_the_requests_user_agent_and_address_and_its_access_token_names_the_session()
    {
        _kit.Client.UserAgent = "Mozilla/5.0 (capped by the request context)";
        _kit.Client.ClientIp = "198.51.100.4";

        await _kit.RefreshTokens.StartSessionAsync(_alice, default);

        var session = (await _kit.Store.ListSessionsAsync(_alice.Id, _kit.Clock.GetUtcNow(), default)).Should().ContainSingle().Subject;
        session.UserAgent.Should().Be("Mozilla/5.0 (capped by the request context)");
        session.ClientIp.Should().Be("198.51.100.4");
        _kit.Tokens.SessionIds.Should().Equal(session.Id);
    }

    [Fact]
    public async Task The_list_is_newest_first_marks_the_callers_own_and_moves_last_use_on_refresh()
    {
        var older = await _kit.RefreshTokens.StartSessionAsync(_alice, default);
        _kit.Clock.Advance(TimeSpan.FromMinutes(5));
        await _kit.RefreshTokens.StartSessionAsync(_alice, default);
        _kit.Clock.Advance(TimeSpan.FromMinutes(5));
        var spent = (await _kit.Store.FindByHashAsync(CleanAuth.Application.Accounts.Common.RefreshTokens.HashOf(older.RefreshToken)!, default))!;
        (await _kit.RefreshTokens.TryContinueSessionAsync(_alice, spent, default)).Should().NotBeNull();
        _caller.SessionId = spent.SessionId;

        var list = await new ListSessionsQueryHandler(_current, _caller, _kit.Store, _kit.Clock).Handle(new ListSessionsQuery(), default);

        list.Select(s => s.CreatedAt).Should().Equal(TestUsers.Epoch.AddMinutes(5), TestUsers.Epoch);
        list.Select(s => s.Current).Should().Equal(false, true);
        list[1].LastUsedAt.Should().Be(TestUsers.Epoch.AddMinutes(10), "the refresh moved it");
        list[0].LastUsedAt.Should().Be(list[0].CreatedAt, "never refreshed");
    }

    [Fact]
    public async Task Ending_a_session_ends_only_that_one_and_logs_it_as_the_callers_own_when_it_is()
    {
        await _kit.RefreshTokens.StartSessionAsync(_alice, default);
        await _kit.RefreshTokens.StartSessionAsync(_alice, default);
        var sessions = await _kit.Store.ListSessionsAsync(_alice.Id, _kit.Clock.GetUtcNow(), default);
        _caller.SessionId = sessions[0].Id;

        await Handler().Handle(new EndSessionCommand(sessions[0].Id), default);

        (await _kit.Store.ListSessionsAsync(_alice.Id, _kit.Clock.GetUtcNow(), default)).Select(s => s.Id).Should().Equal(sessions[1].Id);
        var entry = _kit.Log.Entries.Should().ContainSingle(e => e.EventId.Name == "SessionEnded").Subject;
        entry.EventId.Id.Should().Be(2500);
        entry["SessionId"].Should().Be(sessions[0].Id);
        entry["Current"].Should().Be(true);
    }

    [Theory]
    [InlineData("other")]
    [InlineData("unknown")]
    [InlineData("ended")]
    [InlineData("malformed")]
    public async Task Another_users_an_unknown_an_ended_or_a_malformed_id_is_not_found_and_ends_nothing(string which)
    {
        var bob = _kit.Users.Seed(TestUsers.New(id: "000000000000000000000b0b", email: "bob@example.com"));
        await _kit.RefreshTokens.StartSessionAsync(bob, default);
        await _kit.RefreshTokens.StartSessionAsync(_alice, default);
        var bobs = (await _kit.Store.ListSessionsAsync(bob.Id, _kit.Clock.GetUtcNow(), default)).Single().Id;
        var alices = (await _kit.Store.ListSessionsAsync(_alice.Id, _kit.Clock.GetUtcNow(), default)).Single().Id;
        if (which == "ended")
        {
            await _kit.Store.EndSessionAsync(_alice.Id, alices, _kit.Clock.GetUtcNow(), default);
        }

        var id = which switch { "other" => bobs, "unknown" => "65f2c0ffee00000000005e55", "ended" => alices, _ => "not an id" };
        var act = () => Handler().Handle(new EndSessionCommand(id), default);

        await act.Should().ThrowAsync<NotFoundException>().WithMessage(EndSessionCommandHandler.NotFound);
        (await _kit.Store.ListSessionsAsync(bob.Id, _kit.Clock.GetUtcNow(), default)).Should().ContainSingle("another user's session is never touched");
        _kit.Log.Entries.Should().NotContain(e => e.EventId.Name == "SessionEnded");
    }

    private EndSessionCommandHandler Handler() => new(_current, _caller, _kit.Store, _kit.Events, _kit.Clock);
}
