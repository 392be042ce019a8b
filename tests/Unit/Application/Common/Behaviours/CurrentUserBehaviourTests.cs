using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.GetCurrentUser;
using CleanAuth.Application.Accounts.Login;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Behaviours;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Users;
using CleanAuth.Tests.Unit.Fakes;

namespace CleanAuth.Tests.Unit.Application.Common.Behaviours;

public sealed class CurrentUserBehaviourTests
{
    private readonly InMemoryUserRepository _users = new();
    private readonly InMemoryRefreshTokenStore _sessions = new();
    private readonly InMemoryTwoFactorStore _twoFactors = new();
    private readonly InMemoryCallerStore _callers;
    private readonly CurrentUserAccessor _currentUser = new();
    private readonly User _alice;
    private int _nextCalls;

    public CurrentUserBehaviourTests()
    {
        _alice = _users.Seed(TestUsers.New());
        _callers = new InMemoryCallerStore(_users, _sessions, _twoFactors);
    }

    [Fact]
    public async Task Ignores_requests_that_do_not_require_a_user()
    {
        var behaviour = new CurrentUserBehaviour<LoginCommand, TokenPair>(FakeCallerIdentity.Anonymous(), _callers, _currentUser);
        var expected = new TokenPair("Bearer", "t", 1, "refresh", 60);

        var result = await behaviour.Handle(new LoginCommand("alice@example.com", "pw"), default, () =>
        {
            _nextCalls++;
            return Task.FromResult(expected);
        });

        result.Should().BeSameAs(expected);
        _nextCalls.Should().Be(1);
        _users.FindByIdCalls.Should().Be(0, "a request that needs no user must not cost a storage read");
    }

    [Fact]
    public async Task Anonymous_caller_is_unauthorized()
    {
        await ShouldBeRefused(FakeCallerIdentity.Anonymous());
        _users.FindByIdCalls.Should().Be(0);
    }

    [Fact]
    public async Task Caller_with_a_subject_but_no_security_stamp_is_unauthorized()
    {
        await ShouldBeRefused(new FakeCallerIdentity { UserId = _alice.Id.Value, SecurityStamp = null });
        _users.FindByIdCalls.Should().Be(0, "a token without a stamp cannot match any user: no storage read");
    }

    [Fact]
    public async Task Caller_with_a_security_stamp_but_no_subject_is_unauthorized_without_a_storage_read()
    {
        await ShouldBeRefused(new FakeCallerIdentity { UserId = null, SecurityStamp = _alice.SecurityStamp });
        _users.FindByIdCalls.Should().Be(0);
    }

    [Fact]
    public async Task Unknown_user_is_unauthorized()
    {
        await ShouldBeRefused(new FakeCallerIdentity { UserId = "000000000000000000000fff", SecurityStamp = _alice.SecurityStamp });
    }

    [Fact]
    public async Task Disabled_user_is_unauthorized()
    {
        var caller = FakeCallerIdentity.For(_alice);
        _users.SimulateConcurrentWrite(_alice.Id, u => u.Disable(TestUsers.Epoch));

        await ShouldBeRefused(caller);
    }

    [Fact]
    public async Task Disabled_user_is_unauthorized_even_with_a_token_of_its_current_stamp()
    {
        _users.SimulateConcurrentWrite(_alice.Id, u => u.Disable(TestUsers.Epoch));

        await ShouldBeRefused(FakeCallerIdentity.For(_users.Stored(_alice.Id)!));
    }

    [Fact]
    public async Task Token_issued_under_an_older_security_stamp_is_unauthorized()
    {
        await ShouldBeRefused(new FakeCallerIdentity { UserId = _alice.Id.Value, SecurityStamp = "0123456789ABCDEF0123456789ABCDEF" });
    }

    [Fact]
    public async Task Security_stamp_comparison_is_exact()
    {
        await ShouldBeRefused(new FakeCallerIdentity { UserId = _alice.Id.Value, SecurityStamp = _alice.SecurityStamp.ToLowerInvariant() });
    }

    [Fact]
    public async Task Valid_caller_reaches_the_handler_which_sees_the_user_through_ICurrentUser()
    {
        var behaviour = new CurrentUserBehaviour<GetCurrentUserQuery, UserProfile>(FakeCallerIdentity.For(_alice), _callers, _currentUser);
        var handler = new GetCurrentUserQueryHandler(_currentUser);
        var query = new GetCurrentUserQuery();

        var profile = await behaviour.Handle(query, default, () =>
        {
            _nextCalls++;
            return handler.Handle(query, default);
        });

        _nextCalls.Should().Be(1);
        profile.Id.Should().Be(_alice.Id.Value);
        profile.Email.Should().Be(_alice.Email);
        _currentUser.User.Id.Should().Be(_alice.Id);
        _currentUser.User.SecurityStamp.Should().Be(_alice.SecurityStamp);
    }

    [Fact]
    public async Task Token_of_a_live_session_passes_and_the_same_token_is_refused_once_its_session_ended()
    {
        var session = await StartSessionAsync(_alice);
        var caller = FakeCallerIdentity.For(_alice);
        caller.SessionId = session;
        await Pass(caller);

        (await _sessions.EndSessionAsync(_alice.Id, session, TestUsers.Epoch, default)).Should().BeTrue();

        await ShouldBeRefused(caller);
    }

    [Fact]
    public async Task Token_naming_another_users_session_or_an_unknown_one_is_unauthorized()
    {
        var bob = _users.Seed(TestUsers.New(id: "000000000000000000000b0b", email: "bob@example.com"));
        var caller = FakeCallerIdentity.For(_alice);
        caller.SessionId = await StartSessionAsync(bob);
        await ShouldBeRefused(caller);

        caller.SessionId = "65f2c0ffee00000000005e55";
        await ShouldBeRefused(caller);
    }

    [Fact]
    public async Task Ending_every_session_refuses_a_token_of_one_of_them_even_under_its_current_stamp()
    {
        var caller = FakeCallerIdentity.For(_alice);
        caller.SessionId = await StartSessionAsync(_alice);

        await _sessions.EndAllSessionsAsync(_alice.Id, TestUsers.Epoch, default);

        await ShouldBeRefused(caller);
    }

    private async Task<string> StartSessionAsync(User user)
    {
        var id = ObjectId();
        await _sessions.StartSessionAsync(
            new StoredRefreshToken(ObjectId(), ObjectId(), user.Id, id, user.SecurityStamp, TestUsers.Epoch, TestUsers.Epoch.AddDays(1), TestUsers.Epoch.AddDays(2), null, null),
            default);
        return id;
    }

    private static string ObjectId() => Guid.NewGuid().ToString("N")[..24];

    private async Task Pass(FakeCallerIdentity caller)
    {
        var accessor = new CurrentUserAccessor();
        var behaviour = new CurrentUserBehaviour<GetCurrentUserQuery, UserProfile>(caller, _callers, accessor);
        await behaviour.Handle(new GetCurrentUserQuery(), default, () =>
        {
            _nextCalls++;
            return Task.FromResult<UserProfile>(null!);
        });
        _nextCalls.Should().Be(1);
        _nextCalls = 0;
        accessor.User.Id.Should().Be(_alice.Id);
    }

    private async Task ShouldBeRefused(FakeCallerIdentity caller)
    {
        var behaviour = new CurrentUserBehaviour<GetCurrentUserQuery, UserProfile>(caller, _callers, _currentUser);

        var act = () => behaviour.Handle(new GetCurrentUserQuery(), default, () =>
        {
            _nextCalls++;
            return Task.FromResult<UserProfile>(null!);
        });

        await act.Should().ThrowAsync<UnauthorizedException>().WithMessage(CurrentUserBehaviour<GetCurrentUserQuery, UserProfile>.NotSignedIn);
        _nextCalls.Should().Be(0);
        var noUser = () => _currentUser.User;
        noUser.Should().Throw<InvalidOperationException>("a refused caller must not become the current user");
    }
}
