using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanAuth.Tests.Integration.Support;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>The caller's sessions over HTTP (ADR 0053): list, end one, and an ended session's access token refused at once, on each store.</summary>
public abstract class SessionsApiTests(CleanAuthApi api)
{
    [Fact]
    public async Task The_list_shows_every_live_session_newest_first_with_its_fields_and_marks_the_callers_own()
    {
        var user = await api.SignUpAsync();
        using var anonymous = api.CreateClient();
        anonymous.DefaultRequestHeaders.UserAgent.ParseAdd("SessionsTest/1.0");
        var older = await Session.FromAsync(await anonymous.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password }));
        var newer = await api.SignInAsync(user.Email, user.Password);
        using var client = api.CreateClient(older.AccessToken);

        var list = await client.GetFromJsonAsync<JsonElement>("/api/users/me/sessions");

        var items = list.EnumerateArray().ToList();
        items.Count.Should().BeGreaterThanOrEqualTo(2);
        items.Select(i => i.GetProperty("createdAt").GetDateTimeOffset()).Should().BeInDescendingOrder();
        items.Should().ContainSingle(i => i.GetProperty("current").GetBoolean())
            .Which.GetProperty("userAgent").GetString().Should().Be("SessionsTest/1.0");
        items.Select(i => i.EnumerateObject().Select(p => p.Name)).Should().AllSatisfy(names =>
            names.Should().Equal("id", "createdAt", "lastUsedAt", "userAgent", "clientIp", "current"));
        newer.AccessToken.Should().NotBe(older.AccessToken);
    }

    [Fact]
    public async Task An_ended_sessions_access_token_is_refused_on_its_next_request_and_its_refresh_token_too()
    {
        var user = await api.SignUpAsync();
        var victim = await api.SignInAsync(user.Email, user.Password);
        var mine = await api.SignInAsync(user.Email, user.Password);
        using var client = api.CreateClient(mine.AccessToken);
        (await api.MeStatusAsync(victim.AccessToken)).Should().Be(HttpStatusCode.OK);
        var id = await SessionIdOfAsync(victim.AccessToken);

        (await client.DeleteAsync($"/api/users/me/sessions/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await api.MeStatusAsync(victim.AccessToken)).Should().Be(HttpStatusCode.Unauthorized, "its access token stops at once");
        await (await api.RefreshAsync(victim.RefreshToken)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        (await api.MeStatusAsync(mine.AccessToken)).Should().Be(HttpStatusCode.OK, "only that session ended");
        await (await client.DeleteAsync($"/api/users/me/sessions/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_users_an_unknown_or_a_malformed_id_is_404_and_ends_nothing()
    {
        var alice = await api.SignUpAsync();
        var bob = await api.SignUpAsync();
        var bobs = await api.SignInAsync(bob.Email, bob.Password);
        using var client = api.CreateClient(alice.AccessToken);

        foreach (var id in new[] { await SessionIdOfAsync(bobs.AccessToken), "65f2c0ffee00000000005e55", "not-an-id" })
        {
            await (await client.DeleteAsync($"/api/users/me/sessions/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }

        (await api.MeStatusAsync(bobs.AccessToken)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Ending_the_current_session_or_logging_out_kills_its_access_token_at_once()
    {
        var user = await api.SignUpAsync();
        var current = await api.SignInAsync(user.Email, user.Password);
        using var client = api.CreateClient(current.AccessToken);
        (await client.DeleteAsync($"/api/users/me/sessions/{await SessionIdOfAsync(current.AccessToken)}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await api.MeStatusAsync(current.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);

        var loggedOut = await api.SignInAsync(user.Email, user.Password);
        using var anonymous = api.CreateClient();
        (await anonymous.PostAsJsonAsync("/api/auth/logout", new { refreshToken = loggedOut.RefreshToken })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await api.MeStatusAsync(loggedOut.AccessToken)).Should().Be(HttpStatusCode.Unauthorized, "a logout ends the session's access tokens too");
    }

    private async Task<string> SessionIdOfAsync(string accessToken)
    {
        using var client = api.CreateClient(accessToken);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/users/me/sessions");
        return list.EnumerateArray().Single(i => i.GetProperty("current").GetBoolean()).GetProperty("id").GetString()!;
    }
}

public sealed class EmbeddedSessionsApiTests(ClockedEmbeddedApiFixture fixture)
    : SessionsApiTests(fixture.Api), IClassFixture<ClockedEmbeddedApiFixture>;

public sealed class MongoWireSessionsApiTests(ClockedMongoWireApiFixture fixture)
    : SessionsApiTests(fixture.Api), IClassFixture<ClockedMongoWireApiFixture>;
