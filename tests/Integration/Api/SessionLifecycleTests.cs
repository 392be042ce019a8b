using System.Net;
using System.Net.Http.Json;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>Refresh-token rotation, reuse detection, logout, password change and expiry, over HTTP with a fake clock, on each store.</summary>
public abstract class SessionLifecycleTests(CleanAuthApi api)
{
    private Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock => api.Clock!;

    [Fact]
    public async Task Refresh_rotates_and_reusing_a_spent_token_kills_the_whole_family()
    {
        var user = await api.SignUpAsync();
        var first = await api.SignInAsync(user.Email, user.Password);
        first.RefreshToken.Should().MatchRegex("^[A-Za-z0-9_-]{43}$");
        first.RefreshExpiresIn.Should().Be((int)TimeSpan.FromDays(14).TotalSeconds);

        var second = await Session.FromAsync(await api.RefreshAsync(first.RefreshToken));
        var third = await Session.FromAsync(await api.RefreshAsync(second.RefreshToken));
        second.RefreshToken.Should().NotBe(first.RefreshToken);
        third.RefreshToken.Should().NotBe(second.RefreshToken);
        (await api.MeStatusAsync(third.AccessToken)).Should().Be(HttpStatusCode.OK);

        await (await api.RefreshAsync(first.RefreshToken)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        await (await api.RefreshAsync(third.RefreshToken)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await api.RefreshAsync(second.RefreshToken)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var other = await api.SignInAsync(user.Email, user.Password);
        (await api.RefreshAsync(other.RefreshToken)).StatusCode.Should().Be(HttpStatusCode.OK, "another login is another family");
    }

    [Fact]
    public async Task Two_concurrent_refreshes_with_one_token_cannot_both_succeed()
    {
        var user = await api.SignUpAsync();
        var session = await api.SignInAsync(user.Email, user.Password);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ => (await api.RefreshAsync(session.RefreshToken)).StatusCode));

        statuses.Count(s => s == HttpStatusCode.OK).Should().BeLessThanOrEqualTo(1);
        statuses.Should().OnlyContain(s => s == HttpStatusCode.OK || s == HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("{\"$ne\":null}")]
    public async Task Unknown_and_malformed_refresh_tokens_get_the_same_401(string token)
    {
        var user = await api.SignUpAsync();
        var session = await api.SignInAsync(user.Email, user.Password);
        await api.RefreshAsync(session.RefreshToken);
        var spent = await (await api.RefreshAsync(session.RefreshToken)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        var problem = await (await api.RefreshAsync(token)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        problem.GetProperty("detail").GetString().Should().Be(spent.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_refresh_without_the_field_answers_400()
    {
        using var client = api.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/refresh", new { });

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().Should().Equal("refreshToken");
    }

    [Fact]
    public async Task Logout_revokes_that_family_only_and_logout_all_ends_every_session()
    {
        var user = await api.SignUpAsync();
        var a = await api.SignInAsync(user.Email, user.Password);
        var b = await api.SignInAsync(user.Email, user.Password);
        var c = await api.SignInAsync(user.Email, user.Password);
        using var anonymous = api.CreateClient();

        (await anonymous.PostAsJsonAsync("/api/auth/logout", new { refreshToken = a.RefreshToken })).StatusCode.Should().Be(HttpStatusCode.NoContent);

        await (await api.RefreshAsync(a.RefreshToken)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var b2 = await Session.FromAsync(await api.RefreshAsync(b.RefreshToken));

        using var signedIn = api.CreateClient(c.AccessToken);
        (await signedIn.PostAsync("/api/auth/logout-all", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        await (await api.RefreshAsync(b2.RefreshToken)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await api.RefreshAsync(c.RefreshToken)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        (await api.MeStatusAsync(b2.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
        (await api.MeStatusAsync(c.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
        (await anonymous.PostAsync("/api/auth/logout-all", null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await api.SignInAsync(user.Email, user.Password)).AccessToken.Should().NotBeEmpty("the account itself is fine");
    }

    [Fact]
    public async Task A_refresh_token_unused_for_14_days_expires_and_each_refresh_slides_the_window()
    {
        var user = await api.SignUpAsync();
        var session = await api.SignInAsync(user.Email, user.Password);

        Clock.Advance(TimeSpan.FromDays(13));
        var renewed = await Session.FromAsync(await api.RefreshAsync(session.RefreshToken));
        // Issued on the fake clock 13 days ahead: accepted only if token validation uses the same clock.
        (await api.MeStatusAsync(renewed.AccessToken)).Should().Be(HttpStatusCode.OK);

        Clock.Advance(TimeSpan.FromDays(13));
        var again = await Session.FromAsync(await api.RefreshAsync(renewed.RefreshToken));

        Clock.Advance(TimeSpan.FromDays(14) + TimeSpan.FromSeconds(1));
        await (await api.RefreshAsync(again.RefreshToken)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task No_refresh_outlives_30_days_from_the_login_however_often_it_slides()
    {
        var user = await api.SignUpAsync();
        var session = await api.SignInAsync(user.Email, user.Password);

        for (var day = 10; day <= 20; day += 10)
        {
            Clock.Advance(TimeSpan.FromDays(10));
            session = await Session.FromAsync(await api.RefreshAsync(session.RefreshToken));
        }

        Clock.Advance(TimeSpan.FromDays(9));
        session = await Session.FromAsync(await api.RefreshAsync(session.RefreshToken));
        session.RefreshExpiresIn.Should().BeLessThanOrEqualTo((int)TimeSpan.FromDays(1).TotalSeconds, "capped by the family's 30 days");

        Clock.Advance(TimeSpan.FromDays(1));
        await (await api.RefreshAsync(session.RefreshToken)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_access_token_expires_on_the_api_clock()
    {
        var user = await api.SignUpAsync();
        var session = await api.SignInAsync(user.Email, user.Password);
        (await api.MeStatusAsync(session.AccessToken)).Should().Be(HttpStatusCode.OK);

        Clock.Advance(TimeSpan.FromMinutes(16));

        (await api.MeStatusAsync(session.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_password_change_returns_a_fresh_pair_and_kills_every_other_session()
    {
        var user = await api.SignUpAsync();
        var mine = await api.SignInAsync(user.Email, user.Password);
        var other = await api.SignInAsync(user.Email, user.Password);
        using var client = api.CreateClient(mine.AccessToken);
        const string newPassword = "a brand new long passphrase";

        var response = await client.PutAsJsonAsync("/api/users/me/password", new { currentPassword = user.Password, newPassword });

        var fresh = await Session.FromAsync(response);
        (await api.MeStatusAsync(fresh.AccessToken)).Should().Be(HttpStatusCode.OK);
        (await api.RefreshAsync(fresh.RefreshToken)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await api.MeStatusAsync(mine.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
        (await api.MeStatusAsync(other.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
        await (await api.RefreshAsync(other.RefreshToken)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await api.RefreshAsync(mine.RefreshToken)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        using var anonymous = api.CreateClient();
        (await anonymous.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password })).StatusCode
            .Should().Be(HttpStatusCode.Unauthorized);
        (await api.SignInAsync(user.Email, newPassword)).AccessToken.Should().NotBeEmpty();
    }

    [Fact]
    public async Task A_wrong_current_password_answers_400_on_that_field_and_a_weak_new_one_400_on_its_own()
    {
        var user = await api.SignUpAsync();
        using var client = api.CreateClient(user.AccessToken);

        var wrong = await client.PutAsJsonAsync("/api/users/me/password", new { currentPassword = "not my password", newPassword = "a brand new long passphrase" });
        var weak = await client.PutAsJsonAsync("/api/users/me/password", new { currentPassword = user.Password, newPassword = "password" });

        (await wrong.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().Should().Equal("currentPassword");
        (await weak.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().Should().Equal("newPassword");
        (await api.MeStatusAsync(user.AccessToken)).Should().Be(HttpStatusCode.OK, "nothing changed");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_five_minutes_with_the_same_401()
    {
        var user = await api.SignUpAsync();
        using var client = api.CreateClient();
        var wrong = await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "wrong password" });
        var expected = await wrong.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        for (var i = 0; i < 4; i++)
        {
            await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "wrong password" });
        }

        var locked = await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password });

        (await locked.ShouldBeProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString()
            .Should().Be(expected.GetProperty("detail").GetString());
        Clock.Advance(TimeSpan.FromMinutes(5));
        (await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password })).StatusCode
            .Should().Be(HttpStatusCode.OK);
    }
}

public sealed class EmbeddedSessionLifecycleTests(ClockedEmbeddedApiFixture fixture)
    : SessionLifecycleTests(fixture.Api), IClassFixture<ClockedEmbeddedApiFixture>;

public sealed class MongoWireSessionLifecycleTests(ClockedMongoWireApiFixture fixture)
    : SessionLifecycleTests(fixture.Api), IClassFixture<ClockedMongoWireApiFixture>;
