using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.DisableAccount;
using CleanAuth.Application.Common.Behaviours;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Passkeys.BeginPasskeyRegistration;
using CleanAuth.Tests.Unit.Fakes;
using Microsoft.Extensions.Options;

namespace CleanAuth.Tests.Unit.Application.Common.Behaviours;

public sealed class RecentSignInBehaviourTests
{
    private readonly AccountFakes _kit = new();
    private readonly CurrentUserAccessor _current = new();
    private readonly FakeCallerIdentity _caller = new();
    private readonly AccountOptions _options = new() { RecentSignIn = TimeSpan.FromMinutes(5) };
    private int _nextCalls;

    public RecentSignInBehaviourTests() => _current.Set(TestUsers.New());

    [Fact]
    public async Task A_sign_in_within_the_setting_passes_up_to_its_last_tick()
    {
        _caller.AuthTime = _kit.Clock.GetUtcNow();
        await Run(new DisableAccountCommand());
        _kit.Clock.Advance(TimeSpan.FromMinutes(5));
        await Run(new DisableAccountCommand());

        _nextCalls.Should().Be(2);
        _kit.Log.Entries.Should().BeEmpty();
    }

    [Fact]
    public async Task An_older_sign_in_is_refused_with_the_setting_as_max_age_and_the_refusal_is_logged()
    {
        _caller.AuthTime = _kit.Clock.GetUtcNow();
        _kit.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromTicks(1));

        var act = () => Run(new DisableAccountCommand());

        var refused = (await act.Should().ThrowAsync<RecentSignInRequiredException>()).Which;
        refused.MaxAgeSeconds.Should().Be(300);
        refused.Message.Should().Be("This requires a sign-in within the last 300 seconds. Sign in again, then repeat the request.");
        refused.ProblemType.Should().Be("urn:cleanauth:problem:recent-sign-in-required");
        refused.Kind.Should().Be(RejectionKind.Unauthorized);
        _nextCalls.Should().Be(0);
        var logged = _kit.Log.Entries.Should().ContainSingle().Subject;
        logged.EventId.Should().Be(new Microsoft.Extensions.Logging.EventId(4040, "RecentSignInRequired"));
        logged["Request"].Should().Be(nameof(DisableAccountCommand));
    }

    [Fact]
    public async Task A_token_without_a_sign_in_time_is_never_recent()
    {
        _caller.AuthTime = null;

        var act = () => Run(new DisableAccountCommand());

        await act.Should().ThrowAsync<RecentSignInRequiredException>();
        _nextCalls.Should().Be(0);
    }

    [Fact]
    public async Task Only_the_forms_that_ask_for_it_and_only_marked_requests_are_checked()
    {
        _caller.AuthTime = null;

        await Run(new DisableAccountCommand("000000000000000000000def"));
        await new RecentSignInBehaviour<string, MediatR.Unit>(_caller, new CurrentUserAccessor(), Options.Create(_options), _kit.Clock, _kit.Events)
            .Handle("not marked", default, Next);

        _nextCalls.Should().Be(2);
    }

    [Fact]
    public async Task A_marked_request_that_does_not_say_otherwise_needs_a_recent_sign_in_in_every_form()
    {
        _caller.AuthTime = null;

        var act = () => new RecentSignInBehaviour<BeginPasskeyRegistrationCommand, MediatR.Unit>(_caller, _current, Options.Create(_options), _kit.Clock, _kit.Events)
            .Handle(new BeginPasskeyRegistrationCommand(), default, Next);

        await act.Should().ThrowAsync<RecentSignInRequiredException>();
        _nextCalls.Should().Be(0);
    }

    private Task<MediatR.Unit> Run(DisableAccountCommand command) =>
        new RecentSignInBehaviour<DisableAccountCommand, MediatR.Unit>(_caller, _current, Options.Create(_options), _kit.Clock, _kit.Events)
            .Handle(command, default, Next);

    private Task<MediatR.Unit> Next()
    {
        _nextCalls++;
        return Task.FromResult(MediatR.Unit.Value);
    }
}
