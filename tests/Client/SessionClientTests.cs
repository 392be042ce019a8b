using CleanAuth.Tests.Client.Generated.Models;
using CleanAuth.Tests.Client.Support;
using static CleanAuth.Tests.Client.Support.ClientProblems;

namespace CleanAuth.Tests.Client;

/// <summary>The signed-in user's sessions (issue 23), through the generated client: one per sign-in, and ending one ends it at once.</summary>
public sealed class SessionClientTests : IAsyncLifetime
{
    private readonly ClientApi _api = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Two_sign_ins_are_two_sessions_newest_first_each_current_only_for_itself()
    {
        var email = await _api.RegisterAsync();
        var first = _api.Client((await _api.SignInAsync(email)).AccessToken);
        var second = _api.Client((await _api.SignInAsync(email)).AccessToken);

        var seenByFirst = (await first.Api.Users.Me.Sessions.GetAsync())!;
        var seenBySecond = (await second.Api.Users.Me.Sessions.GetAsync())!;

        seenByFirst.Should().HaveCount(2);
        seenByFirst.Select(s => s.Id).Should().Equal(seenBySecond.Select(s => s.Id), "both list the same sessions");
        var firstId = seenByFirst.Should().ContainSingle(s => s.Current == true).Which.Id;
        var secondId = seenBySecond.Should().ContainSingle(s => s.Current == true).Which.Id;
        firstId.Should().NotBe(secondId);
        seenByFirst[0].Id.Should().Be(secondId, "the newest session comes first");
    }

    [Fact]
    public async Task Ending_the_other_session_refuses_its_access_token_and_its_refresh_token_at_once()
    {
        var email = await _api.RegisterAsync();
        var mine = _api.Client((await _api.SignInAsync(email)).AccessToken);
        var other = await _api.SignInAsync(email);
        var otherClient = _api.Client(other.AccessToken);
        (await otherClient.Api.Users.Me.GetAsync())!.Email.Should().Be(email, "its token works before the end");

        var otherId = (await mine.Api.Users.Me.Sessions.GetAsync())!.Single(s => s.Current != true).Id;
        await mine.Api.Users.Me.Sessions[otherId].DeleteAsync();

        await ShouldFailAsync<ProblemDetails>(() => otherClient.Api.Users.Me.GetAsync(), 401);
        await ShouldFailAsync<ProblemDetails>(() => _api.Client().Api.Auth.Refresh.PostAsync(new RefreshCommand { RefreshToken = other.RefreshToken }), 401);
        (await mine.Api.Users.Me.Sessions.GetAsync()).Should().ContainSingle().Which.Current.Should().BeTrue("the caller's own session lives on");
    }

    [Fact]
    public async Task Ending_another_users_or_an_unknown_session_is_a_typed_404_and_ends_nothing()
    {
        var (_, alice) = await _api.SignedInAsync("Alice");
        var (_, bob) = await _api.SignedInAsync("Bob");
        var bobsSession = (await bob.Api.Users.Me.Sessions.GetAsync())!.Single().Id;

        await ShouldFailAsync<ProblemDetails>(() => alice.Api.Users.Me.Sessions[bobsSession].DeleteAsync(), 404);
        await ShouldFailAsync<ProblemDetails>(() => alice.Api.Users.Me.Sessions["6740b2c1e4b0a1b2c3d4e5f9"].DeleteAsync(), 404);
        await ShouldFailAsync<ProblemDetails>(() => alice.Api.Users.Me.Sessions["not-a-session"].DeleteAsync(), 404);

        (await bob.Api.Users.Me.Sessions.GetAsync()).Should().ContainSingle(s => s.Id == bobsSession, "Bob's session was not Alice's to end");
        (await bob.Api.Users.Me.GetAsync())!.Name.Should().Be("Bob");
    }
}
