using System.Net;
using System.Text.Json;
using CleanAuth.Tests.Integration.Support;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CleanAuth.Tests.Integration.Api;

/// <summary>
/// Disabling one's own account needs a recent sign-in (ADR 0047): access tokens carry the sign-in's <c>auth_time</c>,
/// refreshes keep it, and an older one gets RFC 9470's challenge. Over HTTP with a fake clock, on each store.
/// </summary>
public abstract class RecentSignInApiTests(CleanAuthApi api)
{
    private const string Challenge = "Bearer error=\"insufficient_user_authentication\", max_age=300";

    private Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock => api.Clock!;

    [Fact]
    public async Task A_fresh_sign_in_disables_the_account()
    {
        var user = await api.SignUpAsync();

        (await DisableAsync(user.AccessToken)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await api.MeStatusAsync(user.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Six_minutes_later_even_a_refreshed_token_is_refused_with_the_step_up_challenge_until_the_owner_signs_in_again()
    {
        var user = await api.SignUpAsync();
        var session = await api.SignInAsync(user.Email, user.Password);
        Clock.Advance(TimeSpan.FromMinutes(6));
        var refreshed = await Session.FromAsync(await api.RefreshAsync(session.RefreshToken));

        foreach (var token in new[] { session.AccessToken, refreshed.AccessToken })
        {
            var refused = await DisableAsync(token);
            var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
            problem.GetProperty("type").GetString().Should().Be("urn:cleanauth:problem:recent-sign-in-required");
            refused.Headers.WwwAuthenticate.ToString().Should().Be(Challenge);
        }

        (await api.MeStatusAsync(refreshed.AccessToken)).Should().Be(HttpStatusCode.OK, "the refusal disabled nothing");
        var again = await api.SignInAsync(user.Email, user.Password);
        (await DisableAsync(again.AccessToken)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        api.Logs.Events.Should().Contain(e => e.Str("EventName") == "RecentSignInRequired" && e.Str("UserId") == user.Id);
    }

    [Fact]
    public async Task Access_tokens_carry_the_sign_in_time_as_auth_time_and_refreshes_keep_it()
    {
        var user = await api.SignUpAsync();
        var signedInAt = Clock.GetUtcNow().ToUnixTimeSeconds();
        var session = await api.SignInAsync(user.Email, user.Password);
        Clock.Advance(TimeSpan.FromMinutes(20));
        var refreshed = await Session.FromAsync(await api.RefreshAsync(session.RefreshToken));
        Clock.Advance(TimeSpan.FromMinutes(20));
        var twice = await Session.FromAsync(await api.RefreshAsync(refreshed.RefreshToken));

        AuthTime(session.AccessToken).Should().Be(signedInAt);
        AuthTime(refreshed.AccessToken).Should().Be(signedInAt, "a refresh is not a sign-in");
        AuthTime(twice.AccessToken).Should().Be(signedInAt);
        Iat(twice.AccessToken).Should().Be(signedInAt + 40 * 60, "the token itself is new");
    }

    private async Task<HttpResponseMessage> DisableAsync(string accessToken)
    {
        using var client = api.CreateClient(accessToken);
        return await client.DeleteAsync("/api/users/me");
    }

    private static long AuthTime(string token) => Payload(token).GetProperty("auth_time").GetInt64();

    private static long Iat(string token) => Payload(token).GetProperty("iat").GetInt64();

    private static JsonElement Payload(string token) =>
        JsonDocument.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(new JsonWebToken(token).EncodedPayload)).RootElement.Clone();
}

public sealed class EmbeddedRecentSignInApiTests(ClockedEmbeddedApiFixture fixture)
    : RecentSignInApiTests(fixture.Api), IClassFixture<ClockedEmbeddedApiFixture>;

public sealed class MongoWireRecentSignInApiTests(ClockedMongoWireApiFixture fixture)
    : RecentSignInApiTests(fixture.Api), IClassFixture<ClockedMongoWireApiFixture>;
